#!/usr/bin/perl
# Debian's Net::EPP::Simple (libnet-epp-perl) as a second, independent client of the LAB registry:
# TLS with a client certificate, the server verified against the lab CA. Prints KEY=VALUE lines.
use strict; use warnings; use Net::EPP::Simple;
my ($port, $user, $pass, $cert, $key, $ca, $domain) = @ARGV;
my $epp = Net::EPP::Simple->new(
  host => '127.0.0.1', port => $port, user => $user, pass => $pass, timeout => 10,
  cert => $cert, key => $key, verify => 1, ca_file => $ca,
) or do { print "LOGIN=$Net::EPP::Simple::Code $Net::EPP::Simple::Message\n"; exit 0 };
my $r = sub { print "$_[0]=$Net::EPP::Simple::Code $Net::EPP::Simple::Message\n" };
$r->('LOGIN');
my $ns = "ns1.$domain";
print "CHECK_BEFORE=", $epp->check_host($ns), "\n";
$epp->create_host({ name => $ns, addrs => [ { ip => '192.0.2.77', version => 'v4' }, { ip => '2001:db8::77', version => 'v6' } ] });
$r->('CREATE');
print "CHECK_AFTER=", $epp->check_host($ns), "\n";
$epp->create_host({ name => 'ns.outside.net', addrs => [ { ip => '192.0.2.78', version => 'v4' } ] });
$r->('CREATE_EXTERNAL_GLUE');
$epp->update_domain({ name => $domain, add => { ns => [ $ns ] } });
$r->('LINK');
my $info = $epp->host_info($ns);
print "STATUS=", join(',', @{ $info->{status} }), "\n";
print "ADDRS=", join(',', map { $_->{addr} } @{ $info->{addrs} }), "\n";
$epp->delete_host($ns);
$r->('DELETE');
# logout() leaves Code unset; it returns undef when the logout exchange failed.
print "LOGOUT=", ($epp->logout ? 'ok' : 'failed'), "\n";
