"""Demo and scale data: deterministic, realistic, valid credit codes."""
