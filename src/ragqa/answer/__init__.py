"""Answering: extractive quotes or an OpenAI-compatible LLM, both with validated [n] citations."""
