"""Streamlit-free helpers for app.py: safe Markdown with highlighting, labels and links, upload handling."""
