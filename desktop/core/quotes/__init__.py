"""Quotations: direct quotes, their speakers, and the same statement across stories."""
