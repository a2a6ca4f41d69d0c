"""The digest: the day's (or week's) steps, who is drifting, birthdays, plans and trips, as
data (:mod:`.compose`), as text, Markdown or HTML (:mod:`.render`), mailed over SMTP
(:mod:`.mail`), and sent once a day by the watcher (:mod:`.schedule`)."""
