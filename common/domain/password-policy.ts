// product.md, The agent record: when the security suite is on, a password has at least 8 characters with a
// lower-case letter, an upper-case letter, a digit and one of ~!@#$%^&-_=+[{]}.
export const PASSWORD_SYMBOLS = "~!@#$%^&-_=+[{]}";
const MAX_PASSWORD_LENGTH = 1024;

/** What is wrong with a password, each as a message naming the field; empty when it is acceptable. */
export function passwordProblems(password: string, securitySuiteEnabled: boolean, field = "password"): string[] {
  if (password.length === 0) {
    return [`${field}: required`];
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return [`${field}: at most ${MAX_PASSWORD_LENGTH} characters`];
  }
  if (!securitySuiteEnabled) {
    return [];
  }
  const problems: string[] = [];
  if (password.length < 8) {
    problems.push(`${field}: at least 8 characters`);
  }
  if (!/[a-z]/.test(password)) {
    problems.push(`${field}: needs a lower-case letter`);
  }
  if (!/[A-Z]/.test(password)) {
    problems.push(`${field}: needs an upper-case letter`);
  }
  if (!/[0-9]/.test(password)) {
    problems.push(`${field}: needs a digit`);
  }
  if (![...password].some((character) => PASSWORD_SYMBOLS.includes(character))) {
    problems.push(`${field}: needs one of ${PASSWORD_SYMBOLS}`);
  }
  return problems;
}
