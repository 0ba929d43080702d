"""Pluggable storage for visitor stores, chosen by SHARED_STORE["BACKEND"]."""
