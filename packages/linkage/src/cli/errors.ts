/** A problem with the user's input: the CLI prints its message on one line and exits with code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
