"""The simulated provider's documented test card numbers: the backend charges by them, a client offers them."""

# Published with the client, like a real provider's test mode, so a remote never imports api/payments.py.
APPROVED = "4242424242424242"
DECLINED = "4000000000000002"
PROVIDER_ERROR = "4000000000000119"
