"""One suggestion rule per module, each an ordinary ``suggest`` (or ``hold_back``) plugin."""
