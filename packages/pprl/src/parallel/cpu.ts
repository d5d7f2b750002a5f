export { threadCpuSeconds } from '@waypoint/linkage/parallel/cpu';
