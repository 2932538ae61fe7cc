/** The one logger of the server: one line per event, quiet in tests. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  info: (message, fields) => console.log(fields ? `${message} ${JSON.stringify(fields)}` : message),
  error: (message, fields) =>
    console.error(fields ? `${message} ${JSON.stringify(fields)}` : message),
};

export const silentLogger: Logger = { info: () => {}, error: () => {} };
