"""The Agreements page: every pair's ground rules, the editor, signing, PDF, printing."""
