//! Tests of result-file import, the held queue, the inbox, sign-off and the letter.
