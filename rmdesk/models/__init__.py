"""Pure domain: people, the org chart, conflict rules, matching. No Qt, no SQL, no I/O."""
