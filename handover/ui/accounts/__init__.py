"""The accounts page and table, and an account's detail with its tabs: people, history,
promises and concessions."""
