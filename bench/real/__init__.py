"""The real development corpus (bench/real/README.md): gold here, texts in the user's cache."""
