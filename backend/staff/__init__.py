"""Staff of a business and their health certificates (健康证)."""
