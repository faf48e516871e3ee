# mawk: the `gen logs` summary as an awk script (the `mawk` baseline of
# pipe.logs in Benchmarks/run). Fields are awk's own (split at blanks), a
# record is checked with one regular expression, counts go to associative
# arrays and the top ten are picked at the end. It prints the main figures
# (not the JSON document): the benchmark checks its request count against
# `gen logs`.
#
#   mawk -f log_summary.awk access.log
BEGIN { top = 10 }
{
    lines++
    if ($0 !~ /^[^ ]+ [^ ]+ [^ ]+ \[[^]]*\] "[^"]*" [0-9][0-9][0-9] ([0-9]+|-)( "[^"]*" "[^"]*".*)?$/) {
        malformed++
        if (malformed <= 5) example[malformed] = FILENAME ":" FNR ": " $0
        next
    }
    requests++
    if ($10 != "-") bytes += $10
    status[$9]++
    hosts[$1]++
    paths[$7]++
    if ($11 != "\"-\"") referrers[$11]++
    hours[substr($4, 2, 14)]++
}
function show(title, counts,    i, k, best, bestKey, seen) {
    print "top " title
    for (i = 1; i <= top; i++) {
        best = 0; bestKey = ""
        for (k in counts) if (!(k in seen) && (counts[k] > best || (counts[k] == best && k < bestKey))) { best = counts[k]; bestKey = k }
        if (best == 0) break
        seen[bestKey] = 1
        printf "  %8d  %s\n", best, bestKey
    }
}
END {
    printf "lines %d\nrequests %d\nbytes sent %.0f\nmalformed lines %d\n", lines, requests, bytes, malformed
    for (s in status) print "status " s " " status[s]
    for (h in hours) n_hours++
    print "hours " n_hours
    show("paths", paths); show("hosts", hosts); show("referrers", referrers)
    for (i = 1; i <= malformed && i <= 5; i++) print example[i]
}
