"""Views: queries over the store shared by every interface (Python API, CLI, report, exports)."""
