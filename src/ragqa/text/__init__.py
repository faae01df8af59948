"""Language-aware text utilities (Korean sentence splitting and tokenization)."""
