//! Smart phrases: `.abbrev` expansions of the practice and of each user, and the built-in ones (`.vitals`).
