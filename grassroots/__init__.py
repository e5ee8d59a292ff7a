"""Grassroots government dashboard: commune indicators for a district or province leadership."""
