//! Visits and their SOAP notes: start, continuous drafts, sign, amend, entered in error, and the co-sign queue.
