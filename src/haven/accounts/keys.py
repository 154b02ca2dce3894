import hashlib


def hash_api_key(key: str) -> str:
    """API keys are long random strings, so one unsalted SHA-256 is enough to store them."""
    return hashlib.sha256(key.encode()).hexdigest()
