"""The analytics remote: listens to the shop's custom events in the browser and records them. No store needed."""
