"""Electronic supervision codes (电子监管码, 一企一码): signed QR URLs and printable stickers."""
