"""Code shared by the evidence, campaigns and reports apps: roles, domain errors, API plumbing."""
