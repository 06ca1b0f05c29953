#!/usr/bin/env bash
# Starts or stops a single-node Slurm cluster (munged, slurmctld, slurmd) under DIR, for the
# tests of `corpusclean run --executor slurm`. Needs root and Debian's slurmctld, slurmd,
# slurm-client and munge (scripts/ensure-deps.sh installs them).
#   scripts/slurm-test-cluster.sh start DIR   # prints: export SLURM_CONF=DIR/slurm.conf
#   scripts/slurm-test-cluster.sh stop DIR    # kills the daemons by the PIDs in their pid files
set -euo pipefail
action=${1:?start or stop}
dir=${2:?folder}

stop() {
  for name in slurmd slurmctld munged; do
    if [ -s "$dir/$name.pid" ]; then
      pid=$(cat "$dir/$name.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$dir/$name.pid"
    fi
  done
}

if [ "$action" = stop ]; then stop; exit 0; fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
host=$(hostname -s)
# munged refuses a socket folder that is not mode 0755.
mkdir -p "$dir/munge" "$dir/state" "$dir/spool/$host"
chmod 0755 "$dir/munge"
dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
chmod 0400 "$dir/munge/munge.key"
munged --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" --pid-file="$dir/munged.pid" \
  --log-file="$dir/munged.log" --seed-file="$dir/munge/munge.seed" --force </dev/null >/dev/null 2>&1
# Ports of their own, so that two test runs do not meet.
base=$((20000 + ($$ % 20000) * 2))
cpus=$(nproc)
cat >"$dir/slurm.conf" <<CONF
ClusterName=cctest
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$base
SlurmdPort=$((base + 1))
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SchedulerParameters=bf_interval=1
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.txt
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
MinJobAge=600
NodeName=$host CPUs=$cpus RealMemory=1000 State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
# The daemons keep no descriptor of the caller's, whose reader would wait for them to exit.
slurmctld -f "$SLURM_CONF" </dev/null >/dev/null 2>&1
slurmd -f "$SLURM_CONF" </dev/null >/dev/null 2>&1
for _ in $(seq 100); do
  if sinfo -h -o %t 2>/dev/null | grep -q idle; then echo "export SLURM_CONF=$SLURM_CONF"; exit 0; fi
  sleep 0.1
done
echo "the test cluster did not become idle; logs in $dir" >&2
stop
exit 1
