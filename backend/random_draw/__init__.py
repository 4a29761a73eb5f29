"""The random inspection draw (双随机、一公开): published register, weights and seed; anyone re-runs it."""
