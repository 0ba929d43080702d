"""Sphinx configuration: the tutorial and the reference docs, in Markdown (MyST), built with warnings as errors."""

import sys
from pathlib import Path

project = "django-mfe"
author = "django-mfe developers"
copyright = "2026, django-mfe developers"

# Local extensions: docs/_ext/excerpts.py captions every `literalinclude` with the file and lines it shows.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

extensions = ["myst_parser", "excerpts"]
myst_enable_extensions = ["colon_fence", "deflist"]
# Headings get anchors so chapters can link to each other's sections ("chapter.md#check-your-work").
myst_heading_anchors = 3
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
root_doc = "index"
# Excerpts' captions give paths from the project's root, the directory above this one.
excerpts_root = str(Path(__file__).resolve().parents[1])

html_theme = "furo"
html_title = "django-mfe"
# No external resources: the docs build and read offline, like the rest of the project.
html_theme_options = {"top_of_page_buttons": []}
pygments_style = "friendly"
