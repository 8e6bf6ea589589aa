import { parsePhoneNumberFromString } from "libphonenumber-js";

// Phone numbers are stored in E.164 (+14155550123), the form Twilio sends and expects, normalised with
// libphonenumber-js: a contact's number typed as "+1 (415) 555-0123" is the number a text arrives from.

/** The number in E.164 when it is a valid number written with its country code; else null. */
export function toE164(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim());
  return parsed?.isValid() ? parsed.number : null;
}

/** A sender as the provider gave it: E.164 when it reads as a phone number, else as given (a short code). */
export function normaliseSender(input: string): string {
  const parsed = parsePhoneNumberFromString(input.trim());
  return parsed?.isPossible() ? parsed.number : input.trim();
}
