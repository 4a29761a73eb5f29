"""Two-way evaluation (双向监督): businesses rate their inspectors; bad ones are followed up."""
