"""The first-run page and the sample cohort."""
