//! Tests of the HL7 reader: segments, escapes, repetitions, line ends and malformed files.
