/**
 * Bad simulator options or control requests. `option` names what to change; the message is
 * one sentence and never carries a key.
 */
export class SimulatorError extends Error {
  readonly option: string;
  constructor(option: string, message: string) {
    super(message);
    this.name = "SimulatorError";
    this.option = option;
  }
}
