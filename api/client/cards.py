"""The simulated payment provider's documented test card numbers, published for clients like a real test mode.

The backend charges by them (api/payments.py); a client shows them as hints without importing the backend.
"""

APPROVED = "4242424242424242"
DECLINED = "4000000000000002"
PROVIDER_ERROR = "4000000000000119"
