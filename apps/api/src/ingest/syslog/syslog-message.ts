/** A syslog message as RFC 5424 or RFC 3164 describes it; nil fields are undefined. */
export interface SyslogMessage {
  facility: number;
  severity: number;
  /** Epoch milliseconds. */
  timestamp: number | undefined;
  hostname: string | undefined;
  /** RFC 5424 APP-NAME, or RFC 3164's TAG. */
  appName: string | undefined;
  procId: string | undefined;
  msgId: string | undefined;
  /** SD-ID → its parameters (a parameter given twice keeps every value, in order). */
  structuredData: Record<string, Record<string, string | string[]>> | undefined;
  message: string;
}
