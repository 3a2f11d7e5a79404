/** `iptables -h` as iptables 1.8.7 prints it (xtables.c's printhelp; the tabs are its own). */
export function iptablesHelp(prog: string, version = '1.8.7'): string {
  const usage = [
    `Usage: ${prog} -[ACD] chain rule-specification [options]`,
    `\t${prog} -I chain [rulenum] rule-specification [options]`,
    `\t${prog} -R chain rulenum rule-specification [options]`,
    `\t${prog} -D chain rulenum [options]`,
    `\t${prog} -[LS] [chain [rulenum]] [options]`,
    `\t${prog} -[FZ] [chain] [options]`,
    `\t${prog} -[NX] chain`,
    `\t${prog} -E old-chain-name new-chain-name`,
    `\t${prog} -P chain target [options]`,
    `\t${prog} -h (print this help information)`,
  ];
  return `${prog} v${version}

${usage.join('\n')}

Commands:
Either long or short options are allowed.
  --append  -A chain\t\tAppend to chain
  --check   -C chain\t\tCheck for the existence of a rule
  --delete  -D chain\t\tDelete matching rule from chain
  --delete  -D chain rulenum
\t\t\t\tDelete rule rulenum (1 = first) from chain
  --insert  -I chain [rulenum]
\t\t\t\tInsert in chain as rulenum (default 1=first)
  --replace -R chain rulenum
\t\t\t\tReplace rule rulenum (1 = first) in chain
  --list    -L [chain [rulenum]]
\t\t\t\tList the rules in a chain or all chains
  --list-rules -S [chain [rulenum]]
\t\t\t\tPrint the rules in a chain or all chains
  --flush   -F [chain]\t\tDelete all rules in  chain or all chains
  --zero    -Z [chain [rulenum]]
\t\t\t\tZero counters in chain or all chains
  --new     -N chain\t\tCreate a new user-defined chain
  --delete-chain
\t     -X [chain]\t\tDelete a user-defined chain
  --policy  -P chain target
\t\t\t\tChange policy on chain to target
  --rename-chain
\t     -E old-chain new-chain
\t\t\t\tChange chain name, (moving any references)
Options:
    --ipv4\t-4\t\tNothing (line is ignored by ip6tables-restore)
    --ipv6\t-6\t\tError (line is ignored by iptables-restore)
[!] --proto\t-p proto\tprotocol: by number or name, eg. \`tcp'
[!] --source\t-s address[/mask][...]
\t\t\t\tsource specification
[!] --destination -d address[/mask][...]
\t\t\t\tdestination specification
[!] --in-interface -i input name[+]
\t\t\t\tnetwork interface name ([+] for wildcard)
 --jump\t-j target
\t\t\t\ttarget for rule (may load target extension)
  --goto      -g chain
\t\t\t       jump to chain with no return
  --match\t-m match
\t\t\t\textended match (may load extension)
  --numeric\t-n\t\tnumeric output of addresses and ports
[!] --out-interface -o output name[+]
\t\t\t\tnetwork interface name ([+] for wildcard)
  --table\t-t table\ttable to manipulate (default: \`filter')
  --verbose\t-v\t\tverbose mode
  --wait\t-w [seconds]\tmaximum wait to acquire xtables lock before give up
  --wait-interval -W [usecs]\twait time to try to acquire xtables lock
\t\t\t\tdefault is 1 second
  --line-numbers\t\tprint line numbers when listing
  --exact\t-x\t\texpand numbers (display exact values)
[!] --fragment\t-f\t\tmatch second or further fragments only
  --modprobe=<command>\t\ttry to insert modules using this command
  --set-counters PKTS BYTES\tset the counter during insert/append
[!] --version\t-V\t\tprint package version.
`;
}
