//! Social (smoking, alcohol, substance use, occupation), family and surgical history, each dated and versioned.
