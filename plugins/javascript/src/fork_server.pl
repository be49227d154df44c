# The warm-start server of the llm-sandbox JavaScript plugin.
#
# Node cannot fork, so this server keeps a *spare*: a `node` process that has
# already started (its start is most of a short program's time) and waits,
# in a module preloaded through NODE_OPTIONS (gate.cjs), before it loads its
# main module. A request releases the spare: the gate receives the run's
# argv and environment and leaves no trace of itself, and Node loads its
# main module, a symbolic link this server has just pointed at the program.
# Node resolves the main module's real path, so the program runs under its
# own name exactly as `node FILE ARGS...` would run it (same module, same
# stack frames, same process.argv). The link is removed when the run ends.
#
# A spare is started only once the session has been idle for a moment
# (IDLE_BEFORE_SPARE): between the runs of an agent, which thinks for
# seconds, never beside a program or a burst of runs, where a speculative
# start would only take CPU from them (runs that come in a burst start
# fresh processes, as without this server).
#
# This server is perl (perl-base, in every Debian and Ubuntu image): it
# starts in a few milliseconds and holds a few MB, where a Node server
# would cost a Node start per session. It gives each spare the descriptors
# of a fresh process (0, 1, 2, and the gate on 1000, far above those Node
# opens for itself; its own control descriptors closed) and a process group
# of its own, as the runner gives every step.
#
# Requests arrive on descriptor 3 ("<id> <length>\n", then <length> bytes of
# JSON: {"argv": ["node", FILE, ARGS...], "env": [[k, v]...], "workdir":
# DIR}); answers leave on descriptor 4, one JSON object per line. The
# program writes to this server's standard output and error, which the host
# reads as the run's.
#
# No server (it exits before it is ready; every run starts a fresh `node`):
# NODE_OPTIONS already set, a memory limit under 512 MiB or a process limit
# under 256 (a spare holds about 50 MB and 7 tasks, which belong to the
# programs), or fewer than 1001 descriptors. No spares (every run fresh): a
# Node other than 18, the one whose start-up this was checked against (the
# gate exits at once with UNCHECKED_NODE), or spares that keep dying.
use strict;
use warnings;
use POSIX ();

# This server's standard error is the run's: it never writes there.
$SIG{__WARN__} = sub { };

my $GATE_FD = 1000;
my $IDLE_BEFORE_SPARE = 0.5;
my $MIN_MEMORY = 512 * 1024 * 1024;
my $MIN_PIDS = 256;
my $UNCHECKED_NODE = 97;
my $MAX_LOST_SPARES = 3;
# Variables Node reads while it starts (before the gate): a run that sets
# one to another value than this server's cannot use a spare.
my $AT_START = qr/^(?:NODE_.*|UV_.*|V8_.*|LANG|LANGUAGE|LC_.*|TZ|HOME|OPENSSL_.*|SSL_CERT_.*|LD_.*|MALLOC_.*)$/s;

sub first_line {
    my ($file) = @_;
    open(my $handle, '<', $file) or return undef;
    my $line = <$handle>;
    chomp $line if defined $line;
    return $line;
}

# The cgroup limit in the first of `files` that exists (undef: none).
sub limit {
    for my $file (@_) {
        my $value = first_line($file);
        next unless defined $value;
        return $value eq 'max' ? undef : $value + 0;
    }
    return undef;
}

my $memory = limit('/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes');
my $pids = limit('/sys/fs/cgroup/pids.max', '/sys/fs/cgroup/pids/pids.max');
exit 0 if defined $memory && $memory < $MIN_MEMORY;
exit 0 if defined $pids && $pids < $MIN_PIDS;
exit 0 if exists $ENV{NODE_OPTIONS};
exit 0 if (POSIX::sysconf(POSIX::_SC_OPEN_MAX()) // 0) <= $GATE_FD;

my $workdir = POSIX::getcwd();
my $here = $0 =~ m{^(.*)/[^/]*$} ? $1 : '.';
$here = "$workdir/$here" unless $here =~ m{^/};
my $gate = "$here/gate.cjs";
my $links = "$here/main";
if (opendir(my $old, $links)) {
    unlink map { "$links/$_" } grep { !/^\.\.?$/ } readdir $old;
}
mkdir $links;

open(my $requests, '<&=', 3) or exit 0;
open(my $answers, '>&=', 4) or exit 0;
binmode $requests;
binmode $answers;

sub json_string {
    my ($text) = @_;
    $text =~ s/(["\\])/\\$1/g;
    $text =~ s/([\x00-\x1f])/sprintf('\\u%04x', ord $1)/ge;
    return "\"$text\"";
}

sub answer {
    my ($id, $status, %extra) = @_;
    my $line = "{\"id\":$id,\"status\":\"$status\"";
    for my $key (sort keys %extra) {
        my $value = $extra{$key};
        $line .= ",\"$key\":" . ($key eq 'message' ? json_string($value) : $value);
    }
    syswrite($answers, "$line}\n");
}

# A small JSON reader for the requests (UTF-8 bytes in, byte strings out).
my %ESCAPES = ('"' => '"', '\\' => '\\', '/' => '/', b => "\b", f => "\f", n => "\n", r => "\r", t => "\t");

sub json_text {
    my ($s) = @_;
    my $out = '';
    while (1) {
        if ($$s =~ /\G([^"\\]+)/gc) { $out .= $1; next }
        return $out if $$s =~ /\G"/gc;
        if ($$s =~ /\G\\u([0-9a-fA-F]{4})/gc) {
            my $code = hex $1;
            if ($code >= 0xD800 && $code < 0xDC00 && $$s =~ /\G\\u([dD][c-fC-F][0-9a-fA-F]{2})/gc) {
                $code = 0x10000 + (($code - 0xD800) << 10) + (hex($1) - 0xDC00);
            }
            no warnings;
            my $char = chr $code;
            utf8::encode($char);
            $out .= $char;
            next;
        }
        if ($$s =~ /\G\\(["\\\/bfnrt])/gc) { $out .= $ESCAPES{$1}; next }
        die "a bad string\n";
    }
}

sub json_value {
    my ($s) = @_;
    $$s =~ /\G\s*/gc;
    return json_text($s) if $$s =~ /\G"/gc;
    if ($$s =~ /\G\[\s*/gc) {
        my @items;
        return \@items if $$s =~ /\G\]/gc;
        while (1) {
            push @items, json_value($s);
            $$s =~ /\G\s*/gc;
            next if $$s =~ /\G,/gc;
            return \@items if $$s =~ /\G\]/gc;
            die "a bad array\n";
        }
    }
    if ($$s =~ /\G\{\s*/gc) {
        my %fields;
        return \%fields if $$s =~ /\G\}/gc;
        while (1) {
            $$s =~ /\G\s*"/gc or die "a bad key\n";
            my $key = json_text($s);
            $$s =~ /\G\s*:/gc or die "a bad object\n";
            $fields{$key} = json_value($s);
            $$s =~ /\G\s*/gc;
            next if $$s =~ /\G,/gc;
            return \%fields if $$s =~ /\G\}/gc;
            die "a bad object\n";
        }
    }
    return $1 if $$s =~ /\G(-?[0-9][0-9.eE+-]*|true|false|null)/gc;
    die "not JSON\n";
}

my $spare;
my $spares = 0;
my $lost_spares = 0;
my $no_spares = 0;

sub start_spare {
    pipe(my $gate_in, my $gate_out) or return;
    $spares += 1;
    my $link = "$links/$spares";
    my $pid = fork();
    return unless defined $pid;
    if ($pid == 0) {
        POSIX::dup2(fileno($gate_in), $GATE_FD) or POSIX::_exit(125);
        POSIX::close($_) for 3, 4;
        setpgrp(0, 0);
        $ENV{NODE_OPTIONS} = "--require $gate";
        { exec { 'node' } 'node', $link }
        POSIX::_exit(127);
    }
    close $gate_in;
    $spare = { pid => $pid, gate => $gate_out, link => $link };
}

# The spare died before its run: why.
sub spare_lost {
    my ($status) = @_;
    close $spare->{gate};
    $spare = undef;
    if (($status >> 8) == $UNCHECKED_NODE) {
        $no_spares = 1;
        return 'not the Node the spares were checked with';
    }
    $lost_spares += 1;
    $no_spares = 1 if $lost_spares >= $MAX_LOST_SPARES;
    return 'the spare died before its run';
}

sub serve {
    my ($id, $request) = @_;
    my $argv = $request->{argv};
    my $env = $request->{env};
    return answer($id, 'unsupported', message => 'not `node FILE ARGS...`')
        unless ref $argv eq 'ARRAY' && @$argv >= 2 && !ref $argv->[0] && $argv->[0] eq 'node'
        && !ref $argv->[1] && $argv->[1] !~ /^-/ && !grep { ref } @$argv;
    return answer($id, 'unsupported', message => 'another work dir')
        unless defined $request->{workdir} && !ref $request->{workdir} && $request->{workdir} eq $workdir;
    my %set;
    for my $pair (ref $env eq 'ARRAY' ? @$env : ()) {
        return answer($id, 'unsupported', message => 'a bad variable')
            unless ref $pair eq 'ARRAY' && @$pair == 2 && !ref $pair->[0] && !ref $pair->[1];
        my ($key, $value) = @$pair;
        return answer($id, 'unsupported', message => "$key is read when Node starts")
            if $key =~ $AT_START && (!defined $ENV{$key} || $ENV{$key} ne $value);
        $set{$key} = $value;
    }
    return answer($id, 'unsupported', message => 'no spare ready') unless $spare;
    if (waitpid($spare->{pid}, POSIX::WNOHANG()) != 0) {
        return answer($id, 'unsupported', message => spare_lost($?));
    }
    my $program = $argv->[1] =~ m{^/} ? $argv->[1] : "$workdir/$argv->[1]";
    unlink $spare->{link};
    unless (symlink $program, $spare->{link}) {
        kill 'KILL', $spare->{pid};
        waitpid($spare->{pid}, 0);
        close $spare->{gate};
        $spare = undef;
        return answer($id, 'unsupported', message => "cannot link the program: $!");
    }
    my $run = $spare;
    $spare = undef;
    $lost_spares = 0;
    answer($id, 'started');
    my $env_json = join(',', map { json_string($_) . ':' . json_string($set{$_}) } sort keys %set);
    my $message = '{"argv":[' . join(',', map { json_string($_) } @$argv) . "],\"env\":{$env_json}}";
    {
        # A spare that died now fails its write, not this server.
        local $SIG{PIPE} = 'IGNORE';
        while (length $message) {
            my $written = syswrite($run->{gate}, $message);
            last unless $written;
            substr($message, 0, $written) = '';
        }
        close $run->{gate};
    }
    waitpid($run->{pid}, 0);
    my $status = $?;
    unlink $run->{link};
    if ($status & 127) {
        answer($id, 'signaled', signal => $status & 127);
    } else {
        answer($id, 'exited', code => $status >> 8);
    }
}

answer(0, 'ready');
my $buffer = '';
while (1) {
    my $wanted = '';
    vec($wanted, 3, 1) = 1;
    my $wait = (!$spare && !$no_spares) ? $IDLE_BEFORE_SPARE : undef;
    my $ready = select(my $readable = $wanted, undef, undef, $wait);
    if ($ready == 0) {
        start_spare();
        next;
    }
    next if $ready < 0;
    my $read = sysread($requests, $buffer, 65536, length $buffer);
    next if !defined $read && $!{EINTR};
    last unless $read;
    while ($buffer =~ /\A(\d+) (\d+)\n/ && length($buffer) >= length($&) + $2) {
        my ($id, $length, $head) = ($1, $2, length $&);
        my $body = substr($buffer, $head, $length);
        substr($buffer, 0, $head + $length) = '';
        my $request = eval { json_value(\$body) };
        if (ref $request ne 'HASH') {
            answer($id, 'unsupported', message => 'a request that is not JSON');
            next;
        }
        serve($id, $request);
    }
}
if ($spare) {
    kill 'KILL', $spare->{pid};
    waitpid($spare->{pid}, 0);
}
exit 0;
