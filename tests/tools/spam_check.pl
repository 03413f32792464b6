#!/usr/bin/perl
# Scores each message with SpamAssassin (Debian's package and its rules), as a receiving
# server would, with local tests only (no network lookups). One line per message:
# `<file>\t<score>\t<rules hit>`. Arguments: message files.
use strict;
use warnings;
use File::Temp qw(tempdir);
use Mail::SpamAssassin;

my $state = tempdir(CLEANUP => 1);
my $sa = Mail::SpamAssassin->new({
    local_tests_only => 1,
    dont_copy_prefs => 1,
    home_dir_for_helpers => $state,
    userstate_dir => $state,
});
$sa->init(1);
for my $file (@ARGV) {
    open(my $fh, '<', $file) or die "$file: $!";
    local $/;
    my $text = <$fh>;
    close $fh;
    my $msg = $sa->parse($text);
    my $status = $sa->check($msg);
    printf "%s\t%.1f\t%s\n", $file, $status->get_score, $status->get_names_of_tests_hit;
    $status->finish;
    $msg->finish;
}
