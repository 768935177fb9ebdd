import type { LogInput } from '@redtail/contracts';
import { levelOfSyslogSeverity } from '../levels';
import type { SyslogMessage } from './syslog-message';

/** RFC 5424 §6.2.1's facility names, by code. */
const FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'audit',
  'alert',
  'clock',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
];

/**
 * One syslog message in Redtail's shape: APP-NAME (or the 3164 tag) is the service, severity the
 * level; the host, facility, process, message id and structured data (by SD-ID) are its context.
 */
export function syslogToLogInput(message: SyslogMessage): LogInput {
  const context: Record<string, unknown> = { facility: FACILITIES[message.facility] };
  if (message.hostname) context['host'] = message.hostname;
  if (message.procId) context['procid'] = message.procId;
  if (message.msgId) context['msgid'] = message.msgId;
  if (message.structuredData) context['structuredData'] = message.structuredData;
  const input: LogInput = {
    level: levelOfSyslogSeverity(message.severity),
    message: message.message,
    context,
  };
  if (message.appName) input.service = message.appName;
  if (message.timestamp !== undefined) input.timestamp = message.timestamp;
  return input;
}
