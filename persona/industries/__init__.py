"""One module per industry; each registers itself on import. The registry discovers them."""
