/**
 * The system-wide bash startup files of Ubuntu 22.04 (packages base-files and bash), as shipped:
 * /etc/profile sources /etc/bash.bashrc (which sets the `user@host:dir$ ` prompt) and /etc/profile.d/*.sh.
 */

export const UBUNTU_ETC_PROFILE = `# /etc/profile: system-wide .profile file for the Bourne shell (sh(1))
# and Bourne compatible shells (bash(1), ksh(1), ash(1), ...).

if [ "\${PS1-}" ]; then
  if [ "\${BASH-}" ] && [ "$BASH" != "/bin/sh" ]; then
    # The file bash.bashrc already sets the default PS1.
    # PS1='\\h:\\w\\$ '
    if [ -f /etc/bash.bashrc ]; then
      . /etc/bash.bashrc
    fi
  else
    if [ "$(id -u)" -eq 0 ]; then
      PS1='# '
    else
      PS1='$ '
    fi
  fi
fi

if [ -d /etc/profile.d ]; then
  for i in /etc/profile.d/*.sh; do
    if [ -r $i ]; then
      . $i
    fi
  done
  unset i
fi
`;

export const UBUNTU_BASH_BASHRC = `# System-wide .bashrc file for interactive bash(1) shells.

# To enable the settings / commands in this file for login shells as well,
# this file has to be sourced in /etc/profile.

# If not running interactively, don't do anything
[ -z "$PS1" ] && return

# check the window size after each command and, if necessary,
# update the values of LINES and COLUMNS.
shopt -s checkwinsize

# set variable identifying the chroot you work in (used in the prompt below)
if [ -z "\${debian_chroot:-}" ] && [ -r /etc/debian_chroot ]; then
    debian_chroot=$(cat /etc/debian_chroot)
fi

# set a fancy prompt (non-color, overwrite the one in /etc/profile)
# but only if not SUDOing and have SUDO_PS1 set; then assume smart user.
if ! [ -n "\${SUDO_USER}" -a -n "\${SUDO_PS1}" ]; then
  PS1='\${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '
fi

# Commented out, don't overwrite xterm -T "title" -n "icontitle" by default.
# If this is an xterm set the title to user@host:dir
#case "$TERM" in
#xterm*|rxvt*)
#    PROMPT_COMMAND='echo -ne "\\033]0;\${USER}@\${HOSTNAME}: \${PWD}\\007"'
#    ;;
#*)
#    ;;
#esac

# enable bash completion in interactive shells
#if ! shopt -oq posix; then
#  if [ -f /usr/share/bash-completion/bash_completion ]; then
#    . /usr/share/bash-completion/bash_completion
#  elif [ -f /etc/bash_completion ]; then
#    . /etc/bash_completion
#  fi
#fi

# sudo hint
if [ ! -e "$HOME/.sudo_as_admin_successful" ] && [ ! -e "$HOME/.hushlogin" ] ; then
    case " $(groups) " in *\\ admin\\ *|*\\ sudo\\ *)
    if [ -x /usr/bin/sudo ]; then
\tcat <<-EOF
\tTo run a command as administrator (user "root"), use "sudo <command>".
\tSee "man sudo_root" for details.
\t
\tEOF
    fi
    esac
fi

# if the command-not-found package is installed, use it
if [ -x /usr/lib/command-not-found -o -x /usr/share/command-not-found/command-not-found ]; then
\tfunction command_not_found_handle {
\t        # check because c-n-f could've been removed in the meantime
                if [ -x /usr/lib/command-not-found ]; then
\t\t   /usr/lib/command-not-found -- "$1"
                   return $?
                elif [ -x /usr/share/command-not-found/command-not-found ]; then
\t\t   /usr/share/command-not-found/command-not-found -- "$1"
                   return $?
\t\telse
\t\t   printf "%s: command not found\\n" "$1" >&2
\t\t   return 127
\t\tfi
\t}
fi
`;

/** /etc/profile.d/bash_completion.sh (package bash-completion): loads completion when it is installed. */
export const UBUNTU_PROFILE_D_BASH_COMPLETION = `# shellcheck shell=sh disable=SC1091,SC2039,SC2166
# Check for interactive bash and that we haven't already been sourced.
if [ "x\${BASH_VERSION-}" != x -a "x\${PS1-}" != x -a "x\${BASH_COMPLETION_VERSINFO-}" = x ]; then

    # Check for recent enough version of bash.
    if [ "\${BASH_VERSINFO[0]}" -gt 4 ] || \\
       [ "\${BASH_VERSINFO[0]}" -eq 4 -a "\${BASH_VERSINFO[1]}" -ge 1 ]; then
        [ -r "\${XDG_CONFIG_HOME:-$HOME/.config}/bash_completion" ] && \\
            . "\${XDG_CONFIG_HOME:-$HOME/.config}/bash_completion"
        if shopt -q progcomp && [ -r /usr/share/bash-completion/bash_completion ]; then
            # Source completion code.
            . /usr/share/bash-completion/bash_completion
        fi
    fi

fi
`;
