"""Reading interactions out of notes: sentences, meeting notes and imported message logs."""
