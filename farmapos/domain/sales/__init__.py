"""The counter sale, headless: open sales, lines, prescriptions, discounts, payments, returns, tickets."""
