import type { Detector } from '../detector';
import { commandLineDetector } from './command-line';

function findings(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

const found = (text: string): string[] => findings(commandLineDetector, text);

describe('command-line password detector', () => {
  it.each([
    ['a mysql password glued to -p', 'mysql -u root -pS3cret -h 10.0.0.5 shop', 'S3cret'],
    [
      'a quoted glued mysql password',
      "mysql -h db -uwordpress -p'wp-S3cure!db' wordpress",
      'wp-S3cure!db',
    ],
    [
      'mysqldump under sudo',
      'COMMAND=/usr/bin/mysqldump -uroot -pDumpM3! --all-databases',
      'DumpM3!',
    ],
    [
      'mysqladmin setting a new password',
      'mysqladmin -u root password "N3wR00t!2024"',
      'N3wR00t!2024',
    ],
    ['redis-cli -a', 'redis-cli -h 10.0.0.9 -p 6380 -a rEd1s#2024 INFO', 'rEd1s#2024'],
    ['sshpass -p', "sshpass -p 'Tempor4ry#99' ssh admin@host", 'Tempor4ry#99'],
    [
      'docker login -p',
      'docker login -u ci-bot -p dckr-Ci-7781 registry.example.com',
      'dckr-Ci-7781',
    ],
    [
      'docker login -p after a user named like a tool',
      '+ docker login -u AWS -p eyJwYXlsb2FkIjoiWvg6 123456789012.dkr.ecr.eu-west-1.amazonaws.com',
      'eyJwYXlsb2FkIjoiWvg6',
    ],
    [
      'az login -p',
      'az login --service-principal -u app -p d6x9Q~JrN0UN6mH --tenant t',
      'd6x9Q~JrN0UN6mH',
    ],
    [
      'sqlcmd -P',
      '/opt/mssql-tools18/bin/sqlcmd -S db,1433 -U sa -P YourStrong!Passw0rd -C',
      'YourStrong!Passw0rd',
    ],
    ['cqlsh -p', 'cqlsh 10.0.0.3 9042 -u cassandra -p cass4ndra-Ops -e x', 'cass4ndra-Ops'],
    [
      'ldapsearch -w',
      'ldapsearch -x -D "cn=admin,dc=example,dc=com" -w LdapAdm1n! -b x',
      'LdapAdm1n!',
    ],
    ['ldappasswd -s', 'ldappasswd -x -s N3wUs3r!Pwd "uid=kchen"', 'N3wUs3r!Pwd'],
    ['curl -u user:password', 'curl -u ci@example.com:d3pl0y-T0ken https://x', 'd3pl0y-T0ken'],
    ['curl with a flag cluster', 'curl -su admin:Elast1c-Adm!n -XGET https://x', 'Elast1c-Adm!n'],
    [
      'smbclient -U user%password',
      "smbclient //fs/scans -U scanner%Sc4n2Folder -c 'ls'",
      'Sc4n2Folder',
    ],
    [
      'keytool store passwords',
      'keytool -importkeystore -srcstorepass ch4ngeit-P12 -destkeystore a',
      'ch4ngeit-P12',
    ],
    ['openssl pass: literals', 'openssl rsa -in k.pem -passin pass:Op3nSsl!', 'Op3nSsl!'],
    ['htpasswd -b', 'htpasswd -b /etc/nginx/.htpasswd monitor m0n1t0r#Pass', 'm0n1t0r#Pass'],
    ['rabbitmqctl add_user', 'rabbitmqctl add_user orders Rabb1t-0rders', 'Rabb1t-0rders'],
    [
      'net use /user:',
      'net use Z: \\\\fs01\\deploy /user:EXAMPLE\\svc D3pl0y!Share',
      'D3pl0y!Share',
    ],
    [
      'ConvertTo-SecureString',
      '(ConvertTo-SecureString "SqlSvc#2024" -AsPlainText -Force)',
      'SqlSvc#2024',
    ],
  ])('masks %s', (_name, text, expected) => expect(found(text)).toEqual([`PASSWORD:${expected}`]));

  it.each([
    ['a mysql -p that prompts', 'mysql -u root -p shop_prod'],
    ['a mysql port flag', 'mysql -h db -P 3306 -u app'],
    ['a docker port mapping', 'docker run -p 8080:80 nginx'],
    ['a redis-cli port', 'redis-cli -h 10.0.0.9 -p 6380 PING'],
    ['a masked docker password', 'docker login -u ci-bot -p **** registry.example.com'],
    [
      'openssl reading the passphrase from the environment',
      'openssl rsa -in k -passin env:KEY_PASS -out x',
    ],
    ['htpasswd without -b', 'htpasswd -B -C 12 /etc/nginx/.htpasswd monitor'],
    ['an LDAP DN ending in a tool name', 'ldapwhoami -D uid=svc,dc=example,dc=net -x'],
    ['a flag after the pipe ends the tool', 'mysql -u root | grep -pattern'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));
});
