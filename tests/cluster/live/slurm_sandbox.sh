#!/usr/bin/env bash
# A throwaway single-node Slurm for the `cluster` test: munged, slurmctld and slurmd from Debian's slurm-wlm,
# configured in DIR, run in the foreground as children of this script (stopped when it gets SIGTERM or
# stdin closes). Prints "ready SLURM_CONF=DIR/slurm.conf" once sinfo answers, or "skip: <reason>" and exits 77
# when the daemons cannot start here.
set -u
DIR=$1
for b in munged mungekey slurmctld slurmd sbatch sinfo; do
  command -v "$b" >/dev/null || { echo "skip: $b not installed (scripts/install-deps.sh installs slurm-wlm)"; exit 77; }
done
mkdir -p "$DIR"/{munge,state,spool,log}
chmod 700 "$DIR/munge"
mungekey -c -k "$DIR/munge/munge.key" 2>/dev/null || dd if=/dev/urandom of="$DIR/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 600 "$DIR/munge/munge.key"
SOCK="$DIR/munge/munge.socket"
HOST=$(hostname -s)
CPUS=$(nproc)
USER_NAME=$(id -un)
cat > "$DIR/slurm.conf" <<CONF
ClusterName=ccsimtest
SlurmctldHost=$HOST
SlurmUser=$USER_NAME
SlurmdUser=$USER_NAME
SlurmctldPort=$((20000 + RANDOM % 10000))
SlurmdPort=$((30000 + RANDOM % 10000))
AuthType=auth/munge
AuthInfo=socket=$SOCK
CredType=cred/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
SchedulerType=sched/builtin
NodeName=$HOST CPUs=$CPUS State=UNKNOWN
PartitionName=test Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$DIR/slurm.conf
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait; exit 0; }
trap stop TERM INT
munged --foreground --force --socket="$SOCK" --key-file="$DIR/munge/munge.key" --pid-file="$DIR/munge/munged.pid" \
  --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/seed" >/dev/null 2>&1 &
pids+=($!)
sleep 0.5
slurmctld -D -i -f "$SLURM_CONF" >"$DIR/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$DIR/log/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  if sinfo -h -o %T 2>/dev/null | grep -q idle; then
    echo "ready SLURM_CONF=$SLURM_CONF"
    # Stop when the test closes our stdin (or kills us).
    while read -r _; do :; done
    stop
  fi
  for p in "${pids[@]}"; do
    kill -0 "$p" 2>/dev/null || { echo "skip: a daemon exited: $(tail -n 2 "$DIR"/log/*.out "$DIR"/log/*.log 2>/dev/null | tr '\n' ' ' | cut -c1-400)"; stop; exit 77; }
  done
  sleep 0.5
done
echo "skip: the node did not become idle in 30 s: $(sinfo 2>&1 | tr '\n' ' ')"
stop
exit 77
