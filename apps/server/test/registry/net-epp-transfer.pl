#!/usr/bin/perl
# Debian's Net::EPP::Simple (libnet-epp-perl) answering transfers on the LAB registry (RFC 5731
# §3.2.4): two registrars (the sponsor A, the gaining B) each in its own session, one step per
# argument "who:op" (who = A or B). Prints STEP<n>=<code> for each step, TRSTATUS=<status> at the end.
use strict; use warnings; use Net::EPP::Simple;
my ($port, $ca, $userA, $passA, $certA, $keyA, $userB, $passB, $certB, $keyB, $domain, $auth, @steps) = @ARGV;
my %epp;
for (['A', $userA, $passA, $certA, $keyA], ['B', $userB, $passB, $certB, $keyB]) {
  my ($who, $user, $pass, $cert, $key) = @$_;
  $epp{$who} = Net::EPP::Simple->new(
    host => '127.0.0.1', port => $port, user => $user, pass => $pass, timeout => 10,
    cert => $cert, key => $key, verify => 1, ca_file => $ca,
  ) or do { print "LOGIN_$who=$Net::EPP::Simple::Code $Net::EPP::Simple::Message\n"; exit 0 };
}
my $n = 0;
for my $step (@steps) {
  my ($who, $op) = split /:/, $step;
  my $e = $epp{$who};
  if ($op eq 'request') { $e->domain_transfer_request($domain, $auth, 1) }
  elsif ($op eq 'approve') { $e->domain_transfer_approve($domain) }
  elsif ($op eq 'reject') { $e->domain_transfer_reject($domain) }
  elsif ($op eq 'cancel') { $e->domain_transfer_cancel($domain) }
  else { die "unknown op $op" }
  $n++;
  print "STEP$n=$Net::EPP::Simple::Code\n";
}
my $q = $epp{A}->domain_transfer_query($domain);
print "TRSTATUS=", ($q ? $q->{trStatus} : "none $Net::EPP::Simple::Code"), "\n";
$_->logout for values %epp;
