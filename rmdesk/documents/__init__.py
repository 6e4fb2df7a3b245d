"""File writers: PDF, ICS, CSV/XLSX and e-mail drafts (no Qt, no SQL)."""
