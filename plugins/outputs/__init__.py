"""What sync writes: the contact-note block, the dashboard note and the calendar feed."""
