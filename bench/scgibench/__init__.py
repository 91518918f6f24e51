"""CGI vs FastCGI vs SCGI: the benchmark behind bench/run.sh, one module
per concern.

    procs      child processes: start, stop by PID, free ports, waiting
    procfs     what /proc says about them: CPU time, switches, RSS
    machine    the machine and the binaries under test (run metadata)
    workloads  the PHP scripts, request bodies and expected answers
    configs    generated configs: FPM pools, nginx, Apache httpd, lighttpd
    servers    one configuration's servers, started and stopped together
    load       load runners (wrk, loadgen) and one measured run
    sanity     every variant answers every workload before it is measured
    profiling  per request in one worker: callgrind, strace, streaming RSS
    webprofile both sides of a request through each web server: the web
               server's and the pool's syscalls, switches, CPU per request
    plans      what quick, full, profile and servers mode measure
    stats      the statistics the headline numbers rest on (pure functions)
    summary    single runs -> cells, ratios, per-workload summaries
    report     the run's markdown report and the headline lines
    plots      SVG plots of a run (svgplot draws them)
    driver     one run: phases, rounds, interleaved variants, results files
    cli        the command line (bench.py)
"""
