"""Finding and withdrawing exact duplicate records written before identical writes were refused."""
