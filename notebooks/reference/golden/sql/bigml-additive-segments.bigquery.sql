SELECT
  q.`id_0` AS `Number vmail messages`,
  q.`p_0` AS `churn_probability`,
  CASE WHEN q.`p_0` >= 0.5E0 THEN 1 ELSE 0 END AS `churn_prediction`,
  q.`g_0` AS `segment`
FROM (
  SELECT q.*,
    CASE WHEN q.`z_0` >= 0E0 THEN 1E0 / (1E0 + q.`p_0_e`) ELSE q.`p_0_e` / (1E0 + q.`p_0_e`) END AS `p_0`
  FROM (
    SELECT q.*,
      EXP(GREATEST(-ABS(q.`z_0`), (-745E0))) AS `p_0_e`
    FROM (
      SELECT q.*,
        (-2.5164209304392626E0)
            + (-0.005123298252702884E0) * ((q.`a_0` - 0.002917414582028866E0) / 0.015356349330835357E0)
            + (-0.03147499655378133E0) * ((q.`a_1` - 0.03558562257053033E0) / 0.10587267455123554E0)
            + (-0.054364684299434994E0) * ((q.`a_2` - 0.1198291746189192E0) / 0.20833568647269296E0)
            + (-0.05779473062782683E0) * ((q.`a_3` - 0.18413082884038823E0) / 0.25740483811819626E0)
            + (-0.04374637734507119E0) * ((q.`a_4` - 0.15577935925670938E0) / 0.23282295870199202E0)
            + (-0.034397272403778836E0) * ((q.`a_5` - 0.15533079960688725E0) / 0.2280450863068187E0)
            + (-0.0327174814987658E0) * ((q.`a_6` - 0.22389209029213775E0) / 0.28851251936427263E0)
            + (-0.014429214136493883E0) * ((q.`a_7` - 0.10414374817370226E0) / 0.19069564846879591E0)
            + (-0.002258605581883122E0) * ((q.`a_8` - 0.017539000818386403E0) / 0.059692632731832736E0)
            + (-0.29935241627975373E0) * ((q.`a_9` - 0.1214799015264912E0) / 0.07349293368389233E0)
            + (-0.7209916801080656E0) * ((q.`a_10` - 0.5096040868601449E0) / 0.236010664192796E0)
            + (-0.37713489681968804E0) * ((q.`a_11` - 0.2930578838590849E0) / 0.18517789947960725E0)
            + (-0.15119782732748838E0) * ((q.`a_12` - 0.07421168709759067E0) / 0.14848002585076758E0)
            + (-0.09391308723083013E0) * ((q.`a_13` - 0.0013074033591924388E0) / 0.009243471812442512E0)
            + (-0.7055910303452931E0) * ((q.`a_14` - 0.020816046781805753E0) / 0.07077258731809119E0)
            + (-1.893231454228468E0) * ((q.`a_15` - 0.10669380407269063E0) / 0.19367732153665243E0)
            + (-2.891301300802764E0) * ((q.`a_16` - 0.21933087775214785E0) / 0.28569996678911486E0)
            + (-2.2363133843769454E0) * ((q.`a_17` - 0.14981194058779446E0) / 0.22421233611983182E0)
            + (-2.5441984648627165E0) * ((q.`a_18` - 0.1551776497425959E0) / 0.23004592518656444E0)
            + (-2.9628855235109635E0) * ((q.`a_19` - 0.21536117785309508E0) / 0.28195753218333713E0)
            + (-1.553488787266872E0) * ((q.`a_20` - 0.10805885026495489E0) / 0.19682721321585742E0)
            + (-0.291335769187596E0) * ((q.`a_21` - 0.022169448164481947E0) / 0.07229213468877707E0)
            + (-0.0018808927692888409E0) * ((q.`a_22` - 0.00032054109272279356E0) / 0.0047330488058862875E0)
            + (-0.011803547325816913E0) * ((q.`a_23` - 0.008734041541155117E0) / 0.03340781495876453E0)
            + (-0.050016119073974956E0) * ((q.`a_24` - 0.0834106483274388E0) / 0.16174046410535953E0)
            + (-0.08289375015774886E0) * ((q.`a_25` - 0.24823973694732832E0) / 0.31263738307811895E0)
            + (-0.05081468786706219E0) * ((q.`a_26` - 0.15592543969325606E0) / 0.22991140520590655E0)
            + (-0.040910632066812266E0) * ((q.`a_27` - 0.15749619594440933E0) / 0.2313145576750387E0)
            + (-0.036485365971635465E0) * ((q.`a_28` - 0.20828806582503848E0) / 0.27499665962244735E0)
            + (-0.017726060682982464E0) * ((q.`a_29` - 0.11175024006223368E0) / 0.2003886032107114E0)
            + (-0.003480006885315963E0) * ((q.`a_30` - 0.02426582697824694E0) / 0.07868009773001991E0)
            + (-0.009425636377728367E0) * ((q.`a_31` - 0.0005837725510220281E0) / 0.0049227725615882635E0)
            + (-0.08484141262309437E0) * ((q.`a_32` - 0.013246248080156986E0) / 0.048553687889997685E0)
            + (-0.28330381663120346E0) * ((q.`a_33` - 0.09651813006507474E0) / 0.17923641782161312E0)
            + (-0.428837124653924E0) * ((q.`a_34` - 0.23700550178512828E0) / 0.30263048931378267E0)
            + (-0.28145633559382754E0) * ((q.`a_35` - 0.1482037018066375E0) / 0.22139531413538954E0)
            + (-0.26650559001796686E0) * ((q.`a_36` - 0.16094657477897656E0) / 0.23592197409465954E0)
            + (-0.2523043112923299E0) * ((q.`a_37` - 0.21131388850984612E0) / 0.27649754695536377E0)
            + (-0.12187368462952064E0) * ((q.`a_38` - 0.10959332334106077E0) / 0.197802249570105E0)
            + (-0.021778216985914166E0) * ((q.`a_39` - 0.021411805757122548E0) / 0.07060575441906676E0)
            + 0.0013717071396779615E0 * ((q.`a_40` - 0.00029661864708529134E0) / 0.003958922891276227E0)
            + 0.010076609934579416E0 * ((q.`a_41` - 0.008727590912575526E0) / 0.03271960237328195E0)
            + 0.0434783660392994E0 * ((q.`a_42` - 0.0829410184588024E0) / 0.16135846859405273E0)
            + 0.07305344382181071E0 * ((q.`a_43` - 0.2528605999628725E0) / 0.316340313791621E0)
            + 0.043328720907677E0 * ((q.`a_44` - 0.1490761805251406E0) / 0.2251797246386485E0)
            + 0.034934577073002515E0 * ((q.`a_45` - 0.15278419350621048E0) / 0.22696065935693188E0)
            + 0.03383983480479219E0 * ((q.`a_46` - 0.22940721654687585E0) / 0.29312248953039205E0)
            + 0.014627580939883719E0 * ((q.`a_47` - 0.10439100627170894E0) / 0.19004772051514218E0)
            + 0.0023944881863482525E0 * ((q.`a_48` - 0.018623589386368204E0) / 0.062219745322416954E0)
            + (-0.015690494588798534E0) * ((q.`a_49` - 0.001482329373069629E0) / 0.010095085885723026E0)
            + (-0.08404544517740005E0) * ((q.`a_50` - 0.022725889951200777E0) / 0.07553271749272422E0)
            + (-0.13252699346323635E0) * ((q.`a_51` - 0.10989010718319493E0) / 0.19775071309666695E0)
            + (-0.07957635521552871E0) * ((q.`a_52` - 0.2136585780352149E0) / 0.2798029440926005E0)
            + (-0.03074870338042333E0) * ((q.`a_53` - 0.15248042076303267E0) / 0.2272752957824353E0)
            + (-0.01822222063501982E0) * ((q.`a_54` - 0.15401069585675425E0) / 0.23108324068730532E0)
            + (-0.0052879121665530835E0) * ((q.`a_55` - 0.23079194190120544E0) / 0.29393081151730727E0)
            + 0.0019763063273305547E0 * ((q.`a_56` - 0.09958126425880463E0) / 0.18314895267762263E0)
            + 0.00033443583212925684E0 * ((q.`a_57` - 0.01468862636771205E0) / 0.052683131656582415E0)
            + (-0.0030518518246528286E0) * ((q.`a_58` - 0.000819160520795112E0) / 0.006274766832318203E0)
            + (-0.025767029609789684E0) * ((q.`a_59` - 0.018183515245642965E0) / 0.05959495097838391E0)
            + (-0.07430295991710055E0) * ((q.`a_60` - 0.1087976323713819E0) / 0.196376146815098E0)
            + (-0.09117273360510028E0) * ((q.`a_61` - 0.21738324965639147E0) / 0.2810693276253469E0)
            + (-0.061241060222933484E0) * ((q.`a_62` - 0.15139530630957096E0) / 0.2265049275508735E0)
            + (-0.051244260335498025E0) * ((q.`a_63` - 0.1591529635109849E0) / 0.2368770937724534E0)
            + (-0.046280706815453175E0) * ((q.`a_64` - 0.2200342547093498E0) / 0.2852221870723426E0)
            + (-0.02047265321307671E0) * ((q.`a_65` - 0.10427717680716467E0) / 0.18925317031222838E0)
            + (-0.003569800419251076E0) * ((q.`a_66` - 0.018899687167707863E0) / 0.0659998694357737E0)
            + (-0.048315046631538246E0) * ((q.`a_67` - 0.0015302154364129539E0) / 0.01314458191601507E0)
            + (-0.20385632482646832E0) * ((q.`a_68` - 0.018366907331338816E0) / 0.06772034264356055E0)
            + (-0.4487543836001446E0) * ((q.`a_69` - 0.10066812860877355E0) / 0.1854182131060213E0)
            + (-0.6188568436374824E0) * ((q.`a_70` - 0.22479443807314822E0) / 0.28928211692129646E0)
            + (-0.5261194553321608E0) * ((q.`a_71` - 0.15711868014272518E0) / 0.23438590741730983E0)
            + (-0.5236766512843726E0) * ((q.`a_72` - 0.15480512670184335E0) / 0.22792864009203465E0)
            + (-0.5669892949561828E0) * ((q.`a_73` - 0.22437544003750545E0) / 0.28831593720342985E0)
            + (-0.23267364037839666E0) * ((q.`a_74` - 0.10097319347669227E0) / 0.18679046431953183E0)
            + (-0.03604596409735228E0) * ((q.`a_75` - 0.016579879847560475E0) / 0.058058579326938954E0)
            + 0.028337803389564122E0 * ((q.`a_76` - 0.001914541135283822E0) / 0.013151948301587129E0)
            + 0.1782014290533785E0 * ((q.`a_77` - 0.0314344211052764E0) / 0.09463537419703683E0)
            + 0.36194902838259513E0 * ((q.`a_78` - 0.13974118529632515E0) / 0.22463767727878972E0)
            + 0.3607575313244968E0 * ((q.`a_79` - 0.2264472368092024E0) / 0.2694335057258933E0)
            + 0.279165342905544E0 * ((q.`a_80` - 0.21883595898974773E0) / 0.2613178189763796E0)
            + 0.25305914236065247E0 * ((q.`a_81` - 0.28282611518264383E0) / 0.31636835512568384E0)
            + 0.08635952427572358E0 * ((q.`a_82` - 0.0866121604894051E0) / 0.16210321033715694E0)
            + 0.012396025016541318E0 * ((q.`a_83` - 0.01160593565388554E0) / 0.04654571902770978E0)
            + (-0.14724474898479664E0) * ((q.`a_84` - 0.354463615903976E0) / 0.47835045824609274E0)
            + (-0.08135453841906247E0) * ((q.`a_85` - 0.2280570142535634E0) / 0.4195795663557951E0)
            + (-0.038858091434810636E0) * ((q.`a_86` - 0.13053263315828958E0) / 0.3368885050562737E0)
            + 0.5103890108339547E0 * ((q.`a_87` - 0.04988747186796699E0) / 0.21771245260339794E0)
            + 0.42230465279748197E0 * ((q.`a_88` - 0.01837959489872468E0) / 0.1343197133338344E0)
            + 0.27376825585577624E0 * ((q.`a_89` - 0.006376594148537134E0) / 0.07959857533650974E0)
            + 0.20171064560144408E0 * ((q.`a_90` - 0.003000750187546887E0) / 0.054696852613829464E0)
            + 0.08727544762663911E0 * ((q.`a_91` - 0.00037509377344336085E0) / 0.01936370517500363E0)
            + 0.14792194409058732E0 * ((q.`a_92` - 0.0007501875468867217E0) / 0.027379276205393547E0)
            + 0.6786957842180449E0 * ((q.`a_93` - 0.10127531882970743E0) / 0.30169293764628025E0)
            + (-0.9735483527343715E0) * ((q.`a_94` - 0.27494373593398347E0) / 0.4464859213957801E0)
            + (-0.01806745327391416E0) * ((q.`a_95` - 0.3927231807951988E0) / 0.48835610374121746E0)
            + (-0.008863678705987458E0) * ((q.`a_96` - 0.35258814703675917E0) / 0.4777758319609132E0) AS `z_0`
      FROM (
        SELECT q.*,
          CASE q.`s0_k` WHEN 3 THEN q.`s0_v3_0` ELSE 0E0 END AS `a_0`,
          CASE q.`s0_k` WHEN 4 THEN q.`s0_v3_0` WHEN 3 THEN q.`s0_v3_1` ELSE 0E0 END AS `a_1`,
          CASE q.`s0_k` WHEN 5 THEN q.`s0_v3_0` WHEN 4 THEN q.`s0_v3_1` WHEN 3 THEN q.`s0_v3_2` ELSE 0E0 END AS `a_2`,
          CASE q.`s0_k` WHEN 6 THEN q.`s0_v3_0` WHEN 5 THEN q.`s0_v3_1` WHEN 4 THEN q.`s0_v3_2` WHEN 3 THEN q.`s0_v3_3` ELSE 0E0 END AS `a_3`,
          CASE q.`s0_k` WHEN 7 THEN q.`s0_v3_0` WHEN 6 THEN q.`s0_v3_1` WHEN 5 THEN q.`s0_v3_2` WHEN 4 THEN q.`s0_v3_3` ELSE 0E0 END AS `a_4`,
          CASE q.`s0_k` WHEN 8 THEN q.`s0_v3_0` WHEN 7 THEN q.`s0_v3_1` WHEN 6 THEN q.`s0_v3_2` WHEN 5 THEN q.`s0_v3_3` ELSE 0E0 END AS `a_5`,
          CASE q.`s0_k` WHEN 9 THEN q.`s0_v3_0` WHEN 8 THEN q.`s0_v3_1` WHEN 7 THEN q.`s0_v3_2` WHEN 6 THEN q.`s0_v3_3` ELSE 0E0 END AS `a_6`,
          CASE q.`s0_k` WHEN 9 THEN q.`s0_v3_1` WHEN 8 THEN q.`s0_v3_2` WHEN 7 THEN q.`s0_v3_3` ELSE 0E0 END AS `a_7`,
          CASE q.`s0_k` WHEN 9 THEN q.`s0_v3_2` WHEN 8 THEN q.`s0_v3_3` ELSE 0E0 END AS `a_8`,
          CASE q.`s1_k` WHEN 3 THEN q.`s1_v3_0` ELSE 0E0 END AS `a_9`,
          CASE q.`s1_k` WHEN 4 THEN q.`s1_v3_0` WHEN 3 THEN q.`s1_v3_1` ELSE 0E0 END AS `a_10`,
          CASE q.`s1_k` WHEN 4 THEN q.`s1_v3_1` WHEN 3 THEN q.`s1_v3_2` ELSE 0E0 END AS `a_11`,
          CASE q.`s1_k` WHEN 4 THEN q.`s1_v3_2` WHEN 3 THEN q.`s1_v3_3` ELSE 0E0 END AS `a_12`,
          CASE q.`s2_k` WHEN 3 THEN q.`s2_v3_0` ELSE 0E0 END AS `a_13`,
          CASE q.`s2_k` WHEN 4 THEN q.`s2_v3_0` WHEN 3 THEN q.`s2_v3_1` ELSE 0E0 END AS `a_14`,
          CASE q.`s2_k` WHEN 5 THEN q.`s2_v3_0` WHEN 4 THEN q.`s2_v3_1` WHEN 3 THEN q.`s2_v3_2` ELSE 0E0 END AS `a_15`,
          CASE q.`s2_k` WHEN 6 THEN q.`s2_v3_0` WHEN 5 THEN q.`s2_v3_1` WHEN 4 THEN q.`s2_v3_2` WHEN 3 THEN q.`s2_v3_3` ELSE 0E0 END AS `a_16`,
          CASE q.`s2_k` WHEN 7 THEN q.`s2_v3_0` WHEN 6 THEN q.`s2_v3_1` WHEN 5 THEN q.`s2_v3_2` WHEN 4 THEN q.`s2_v3_3` ELSE 0E0 END AS `a_17`,
          CASE q.`s2_k` WHEN 8 THEN q.`s2_v3_0` WHEN 7 THEN q.`s2_v3_1` WHEN 6 THEN q.`s2_v3_2` WHEN 5 THEN q.`s2_v3_3` ELSE 0E0 END AS `a_18`,
          CASE q.`s2_k` WHEN 9 THEN q.`s2_v3_0` WHEN 8 THEN q.`s2_v3_1` WHEN 7 THEN q.`s2_v3_2` WHEN 6 THEN q.`s2_v3_3` ELSE 0E0 END AS `a_19`,
          CASE q.`s2_k` WHEN 9 THEN q.`s2_v3_1` WHEN 8 THEN q.`s2_v3_2` WHEN 7 THEN q.`s2_v3_3` ELSE 0E0 END AS `a_20`,
          CASE q.`s2_k` WHEN 9 THEN q.`s2_v3_2` WHEN 8 THEN q.`s2_v3_3` ELSE 0E0 END AS `a_21`,
          CASE q.`s3_k` WHEN 3 THEN q.`s3_v3_0` ELSE 0E0 END AS `a_22`,
          CASE q.`s3_k` WHEN 4 THEN q.`s3_v3_0` WHEN 3 THEN q.`s3_v3_1` ELSE 0E0 END AS `a_23`,
          CASE q.`s3_k` WHEN 5 THEN q.`s3_v3_0` WHEN 4 THEN q.`s3_v3_1` WHEN 3 THEN q.`s3_v3_2` ELSE 0E0 END AS `a_24`,
          CASE q.`s3_k` WHEN 6 THEN q.`s3_v3_0` WHEN 5 THEN q.`s3_v3_1` WHEN 4 THEN q.`s3_v3_2` WHEN 3 THEN q.`s3_v3_3` ELSE 0E0 END AS `a_25`,
          CASE q.`s3_k` WHEN 7 THEN q.`s3_v3_0` WHEN 6 THEN q.`s3_v3_1` WHEN 5 THEN q.`s3_v3_2` WHEN 4 THEN q.`s3_v3_3` ELSE 0E0 END AS `a_26`,
          CASE q.`s3_k` WHEN 8 THEN q.`s3_v3_0` WHEN 7 THEN q.`s3_v3_1` WHEN 6 THEN q.`s3_v3_2` WHEN 5 THEN q.`s3_v3_3` ELSE 0E0 END AS `a_27`,
          CASE q.`s3_k` WHEN 9 THEN q.`s3_v3_0` WHEN 8 THEN q.`s3_v3_1` WHEN 7 THEN q.`s3_v3_2` WHEN 6 THEN q.`s3_v3_3` ELSE 0E0 END AS `a_28`,
          CASE q.`s3_k` WHEN 9 THEN q.`s3_v3_1` WHEN 8 THEN q.`s3_v3_2` WHEN 7 THEN q.`s3_v3_3` ELSE 0E0 END AS `a_29`,
          CASE q.`s3_k` WHEN 9 THEN q.`s3_v3_2` WHEN 8 THEN q.`s3_v3_3` ELSE 0E0 END AS `a_30`,
          CASE q.`s4_k` WHEN 3 THEN q.`s4_v3_0` ELSE 0E0 END AS `a_31`,
          CASE q.`s4_k` WHEN 4 THEN q.`s4_v3_0` WHEN 3 THEN q.`s4_v3_1` ELSE 0E0 END AS `a_32`,
          CASE q.`s4_k` WHEN 5 THEN q.`s4_v3_0` WHEN 4 THEN q.`s4_v3_1` WHEN 3 THEN q.`s4_v3_2` ELSE 0E0 END AS `a_33`,
          CASE q.`s4_k` WHEN 6 THEN q.`s4_v3_0` WHEN 5 THEN q.`s4_v3_1` WHEN 4 THEN q.`s4_v3_2` WHEN 3 THEN q.`s4_v3_3` ELSE 0E0 END AS `a_34`,
          CASE q.`s4_k` WHEN 7 THEN q.`s4_v3_0` WHEN 6 THEN q.`s4_v3_1` WHEN 5 THEN q.`s4_v3_2` WHEN 4 THEN q.`s4_v3_3` ELSE 0E0 END AS `a_35`,
          CASE q.`s4_k` WHEN 8 THEN q.`s4_v3_0` WHEN 7 THEN q.`s4_v3_1` WHEN 6 THEN q.`s4_v3_2` WHEN 5 THEN q.`s4_v3_3` ELSE 0E0 END AS `a_36`,
          CASE q.`s4_k` WHEN 9 THEN q.`s4_v3_0` WHEN 8 THEN q.`s4_v3_1` WHEN 7 THEN q.`s4_v3_2` WHEN 6 THEN q.`s4_v3_3` ELSE 0E0 END AS `a_37`,
          CASE q.`s4_k` WHEN 9 THEN q.`s4_v3_1` WHEN 8 THEN q.`s4_v3_2` WHEN 7 THEN q.`s4_v3_3` ELSE 0E0 END AS `a_38`,
          CASE q.`s4_k` WHEN 9 THEN q.`s4_v3_2` WHEN 8 THEN q.`s4_v3_3` ELSE 0E0 END AS `a_39`,
          CASE q.`s5_k` WHEN 3 THEN q.`s5_v3_0` ELSE 0E0 END AS `a_40`,
          CASE q.`s5_k` WHEN 4 THEN q.`s5_v3_0` WHEN 3 THEN q.`s5_v3_1` ELSE 0E0 END AS `a_41`,
          CASE q.`s5_k` WHEN 5 THEN q.`s5_v3_0` WHEN 4 THEN q.`s5_v3_1` WHEN 3 THEN q.`s5_v3_2` ELSE 0E0 END AS `a_42`,
          CASE q.`s5_k` WHEN 6 THEN q.`s5_v3_0` WHEN 5 THEN q.`s5_v3_1` WHEN 4 THEN q.`s5_v3_2` WHEN 3 THEN q.`s5_v3_3` ELSE 0E0 END AS `a_43`,
          CASE q.`s5_k` WHEN 7 THEN q.`s5_v3_0` WHEN 6 THEN q.`s5_v3_1` WHEN 5 THEN q.`s5_v3_2` WHEN 4 THEN q.`s5_v3_3` ELSE 0E0 END AS `a_44`,
          CASE q.`s5_k` WHEN 8 THEN q.`s5_v3_0` WHEN 7 THEN q.`s5_v3_1` WHEN 6 THEN q.`s5_v3_2` WHEN 5 THEN q.`s5_v3_3` ELSE 0E0 END AS `a_45`,
          CASE q.`s5_k` WHEN 9 THEN q.`s5_v3_0` WHEN 8 THEN q.`s5_v3_1` WHEN 7 THEN q.`s5_v3_2` WHEN 6 THEN q.`s5_v3_3` ELSE 0E0 END AS `a_46`,
          CASE q.`s5_k` WHEN 9 THEN q.`s5_v3_1` WHEN 8 THEN q.`s5_v3_2` WHEN 7 THEN q.`s5_v3_3` ELSE 0E0 END AS `a_47`,
          CASE q.`s5_k` WHEN 9 THEN q.`s5_v3_2` WHEN 8 THEN q.`s5_v3_3` ELSE 0E0 END AS `a_48`,
          CASE q.`s6_k` WHEN 3 THEN q.`s6_v3_0` ELSE 0E0 END AS `a_49`,
          CASE q.`s6_k` WHEN 4 THEN q.`s6_v3_0` WHEN 3 THEN q.`s6_v3_1` ELSE 0E0 END AS `a_50`,
          CASE q.`s6_k` WHEN 5 THEN q.`s6_v3_0` WHEN 4 THEN q.`s6_v3_1` WHEN 3 THEN q.`s6_v3_2` ELSE 0E0 END AS `a_51`,
          CASE q.`s6_k` WHEN 6 THEN q.`s6_v3_0` WHEN 5 THEN q.`s6_v3_1` WHEN 4 THEN q.`s6_v3_2` WHEN 3 THEN q.`s6_v3_3` ELSE 0E0 END AS `a_52`,
          CASE q.`s6_k` WHEN 7 THEN q.`s6_v3_0` WHEN 6 THEN q.`s6_v3_1` WHEN 5 THEN q.`s6_v3_2` WHEN 4 THEN q.`s6_v3_3` ELSE 0E0 END AS `a_53`,
          CASE q.`s6_k` WHEN 8 THEN q.`s6_v3_0` WHEN 7 THEN q.`s6_v3_1` WHEN 6 THEN q.`s6_v3_2` WHEN 5 THEN q.`s6_v3_3` ELSE 0E0 END AS `a_54`,
          CASE q.`s6_k` WHEN 9 THEN q.`s6_v3_0` WHEN 8 THEN q.`s6_v3_1` WHEN 7 THEN q.`s6_v3_2` WHEN 6 THEN q.`s6_v3_3` ELSE 0E0 END AS `a_55`,
          CASE q.`s6_k` WHEN 9 THEN q.`s6_v3_1` WHEN 8 THEN q.`s6_v3_2` WHEN 7 THEN q.`s6_v3_3` ELSE 0E0 END AS `a_56`,
          CASE q.`s6_k` WHEN 9 THEN q.`s6_v3_2` WHEN 8 THEN q.`s6_v3_3` ELSE 0E0 END AS `a_57`,
          CASE q.`s7_k` WHEN 3 THEN q.`s7_v3_0` ELSE 0E0 END AS `a_58`,
          CASE q.`s7_k` WHEN 4 THEN q.`s7_v3_0` WHEN 3 THEN q.`s7_v3_1` ELSE 0E0 END AS `a_59`,
          CASE q.`s7_k` WHEN 5 THEN q.`s7_v3_0` WHEN 4 THEN q.`s7_v3_1` WHEN 3 THEN q.`s7_v3_2` ELSE 0E0 END AS `a_60`,
          CASE q.`s7_k` WHEN 6 THEN q.`s7_v3_0` WHEN 5 THEN q.`s7_v3_1` WHEN 4 THEN q.`s7_v3_2` WHEN 3 THEN q.`s7_v3_3` ELSE 0E0 END AS `a_61`,
          CASE q.`s7_k` WHEN 7 THEN q.`s7_v3_0` WHEN 6 THEN q.`s7_v3_1` WHEN 5 THEN q.`s7_v3_2` WHEN 4 THEN q.`s7_v3_3` ELSE 0E0 END AS `a_62`,
          CASE q.`s7_k` WHEN 8 THEN q.`s7_v3_0` WHEN 7 THEN q.`s7_v3_1` WHEN 6 THEN q.`s7_v3_2` WHEN 5 THEN q.`s7_v3_3` ELSE 0E0 END AS `a_63`,
          CASE q.`s7_k` WHEN 9 THEN q.`s7_v3_0` WHEN 8 THEN q.`s7_v3_1` WHEN 7 THEN q.`s7_v3_2` WHEN 6 THEN q.`s7_v3_3` ELSE 0E0 END AS `a_64`,
          CASE q.`s7_k` WHEN 9 THEN q.`s7_v3_1` WHEN 8 THEN q.`s7_v3_2` WHEN 7 THEN q.`s7_v3_3` ELSE 0E0 END AS `a_65`,
          CASE q.`s7_k` WHEN 9 THEN q.`s7_v3_2` WHEN 8 THEN q.`s7_v3_3` ELSE 0E0 END AS `a_66`,
          CASE q.`s8_k` WHEN 3 THEN q.`s8_v3_0` ELSE 0E0 END AS `a_67`,
          CASE q.`s8_k` WHEN 4 THEN q.`s8_v3_0` WHEN 3 THEN q.`s8_v3_1` ELSE 0E0 END AS `a_68`,
          CASE q.`s8_k` WHEN 5 THEN q.`s8_v3_0` WHEN 4 THEN q.`s8_v3_1` WHEN 3 THEN q.`s8_v3_2` ELSE 0E0 END AS `a_69`,
          CASE q.`s8_k` WHEN 6 THEN q.`s8_v3_0` WHEN 5 THEN q.`s8_v3_1` WHEN 4 THEN q.`s8_v3_2` WHEN 3 THEN q.`s8_v3_3` ELSE 0E0 END AS `a_70`,
          CASE q.`s8_k` WHEN 7 THEN q.`s8_v3_0` WHEN 6 THEN q.`s8_v3_1` WHEN 5 THEN q.`s8_v3_2` WHEN 4 THEN q.`s8_v3_3` ELSE 0E0 END AS `a_71`,
          CASE q.`s8_k` WHEN 8 THEN q.`s8_v3_0` WHEN 7 THEN q.`s8_v3_1` WHEN 6 THEN q.`s8_v3_2` WHEN 5 THEN q.`s8_v3_3` ELSE 0E0 END AS `a_72`,
          CASE q.`s8_k` WHEN 9 THEN q.`s8_v3_0` WHEN 8 THEN q.`s8_v3_1` WHEN 7 THEN q.`s8_v3_2` WHEN 6 THEN q.`s8_v3_3` ELSE 0E0 END AS `a_73`,
          CASE q.`s8_k` WHEN 9 THEN q.`s8_v3_1` WHEN 8 THEN q.`s8_v3_2` WHEN 7 THEN q.`s8_v3_3` ELSE 0E0 END AS `a_74`,
          CASE q.`s8_k` WHEN 9 THEN q.`s8_v3_2` WHEN 8 THEN q.`s8_v3_3` ELSE 0E0 END AS `a_75`,
          CASE q.`s9_k` WHEN 3 THEN q.`s9_v3_0` ELSE 0E0 END AS `a_76`,
          CASE q.`s9_k` WHEN 4 THEN q.`s9_v3_0` WHEN 3 THEN q.`s9_v3_1` ELSE 0E0 END AS `a_77`,
          CASE q.`s9_k` WHEN 5 THEN q.`s9_v3_0` WHEN 4 THEN q.`s9_v3_1` WHEN 3 THEN q.`s9_v3_2` ELSE 0E0 END AS `a_78`,
          CASE q.`s9_k` WHEN 6 THEN q.`s9_v3_0` WHEN 5 THEN q.`s9_v3_1` WHEN 4 THEN q.`s9_v3_2` WHEN 3 THEN q.`s9_v3_3` ELSE 0E0 END AS `a_79`,
          CASE q.`s9_k` WHEN 7 THEN q.`s9_v3_0` WHEN 6 THEN q.`s9_v3_1` WHEN 5 THEN q.`s9_v3_2` WHEN 4 THEN q.`s9_v3_3` ELSE 0E0 END AS `a_80`,
          CASE q.`s9_k` WHEN 8 THEN q.`s9_v3_0` WHEN 7 THEN q.`s9_v3_1` WHEN 6 THEN q.`s9_v3_2` WHEN 5 THEN q.`s9_v3_3` ELSE 0E0 END AS `a_81`,
          CASE q.`s9_k` WHEN 8 THEN q.`s9_v3_1` WHEN 7 THEN q.`s9_v3_2` WHEN 6 THEN q.`s9_v3_3` ELSE 0E0 END AS `a_82`,
          CASE q.`s9_k` WHEN 8 THEN q.`s9_v3_2` WHEN 7 THEN q.`s9_v3_3` ELSE 0E0 END AS `a_83`,
          CASE WHEN q.`x_10` >= 1E0 AND q.`x_10` < 2E0 THEN 1E0 ELSE 0E0 END AS `a_84`,
          CASE WHEN q.`x_10` >= 2E0 AND q.`x_10` < 3E0 THEN 1E0 ELSE 0E0 END AS `a_85`,
          CASE WHEN q.`x_10` >= 3E0 AND q.`x_10` < 4E0 THEN 1E0 ELSE 0E0 END AS `a_86`,
          CASE WHEN q.`x_10` >= 4E0 AND q.`x_10` < 5E0 THEN 1E0 ELSE 0E0 END AS `a_87`,
          CASE WHEN q.`x_10` >= 5E0 AND q.`x_10` < 6E0 THEN 1E0 ELSE 0E0 END AS `a_88`,
          CASE WHEN q.`x_10` >= 6E0 AND q.`x_10` < 7E0 THEN 1E0 ELSE 0E0 END AS `a_89`,
          CASE WHEN q.`x_10` >= 7E0 AND q.`x_10` < 8E0 THEN 1E0 ELSE 0E0 END AS `a_90`,
          CASE WHEN q.`x_10` >= 8E0 AND q.`x_10` < 9E0 THEN 1E0 ELSE 0E0 END AS `a_91`,
          CASE WHEN q.`x_10` >= 9E0 THEN 1E0 ELSE 0E0 END AS `a_92`,
          q.`x_11` AS `a_93`,
          q.`x_12` AS `a_94`,
          CASE WHEN q.`g_0` = 1 THEN 1E0 ELSE 0E0 END AS `a_95`,
          CASE WHEN q.`g_0` = 2 THEN 1E0 ELSE 0E0 END AS `a_96`
        FROM (
          SELECT q.*,
            q.`s0_r1` * q.`s0_t3_0` AS `s0_v3_0`,
            q.`s0_l3` * q.`s0_t3_0` + q.`s0_r2` * q.`s0_t3_1` AS `s0_v3_1`,
            q.`s0_l2` * q.`s0_t3_1` + q.`s0_r3` * q.`s0_t3_2` AS `s0_v3_2`,
            q.`s0_l1` * q.`s0_t3_2` AS `s0_v3_3`,
            q.`s1_r1` * q.`s1_t3_0` AS `s1_v3_0`,
            q.`s1_l3` * q.`s1_t3_0` + q.`s1_r2` * q.`s1_t3_1` AS `s1_v3_1`,
            q.`s1_l2` * q.`s1_t3_1` + q.`s1_r3` * q.`s1_t3_2` AS `s1_v3_2`,
            q.`s1_l1` * q.`s1_t3_2` AS `s1_v3_3`,
            q.`s2_r1` * q.`s2_t3_0` AS `s2_v3_0`,
            q.`s2_l3` * q.`s2_t3_0` + q.`s2_r2` * q.`s2_t3_1` AS `s2_v3_1`,
            q.`s2_l2` * q.`s2_t3_1` + q.`s2_r3` * q.`s2_t3_2` AS `s2_v3_2`,
            q.`s2_l1` * q.`s2_t3_2` AS `s2_v3_3`,
            q.`s3_r1` * q.`s3_t3_0` AS `s3_v3_0`,
            q.`s3_l3` * q.`s3_t3_0` + q.`s3_r2` * q.`s3_t3_1` AS `s3_v3_1`,
            q.`s3_l2` * q.`s3_t3_1` + q.`s3_r3` * q.`s3_t3_2` AS `s3_v3_2`,
            q.`s3_l1` * q.`s3_t3_2` AS `s3_v3_3`,
            q.`s4_r1` * q.`s4_t3_0` AS `s4_v3_0`,
            q.`s4_l3` * q.`s4_t3_0` + q.`s4_r2` * q.`s4_t3_1` AS `s4_v3_1`,
            q.`s4_l2` * q.`s4_t3_1` + q.`s4_r3` * q.`s4_t3_2` AS `s4_v3_2`,
            q.`s4_l1` * q.`s4_t3_2` AS `s4_v3_3`,
            q.`s5_r1` * q.`s5_t3_0` AS `s5_v3_0`,
            q.`s5_l3` * q.`s5_t3_0` + q.`s5_r2` * q.`s5_t3_1` AS `s5_v3_1`,
            q.`s5_l2` * q.`s5_t3_1` + q.`s5_r3` * q.`s5_t3_2` AS `s5_v3_2`,
            q.`s5_l1` * q.`s5_t3_2` AS `s5_v3_3`,
            q.`s6_r1` * q.`s6_t3_0` AS `s6_v3_0`,
            q.`s6_l3` * q.`s6_t3_0` + q.`s6_r2` * q.`s6_t3_1` AS `s6_v3_1`,
            q.`s6_l2` * q.`s6_t3_1` + q.`s6_r3` * q.`s6_t3_2` AS `s6_v3_2`,
            q.`s6_l1` * q.`s6_t3_2` AS `s6_v3_3`,
            q.`s7_r1` * q.`s7_t3_0` AS `s7_v3_0`,
            q.`s7_l3` * q.`s7_t3_0` + q.`s7_r2` * q.`s7_t3_1` AS `s7_v3_1`,
            q.`s7_l2` * q.`s7_t3_1` + q.`s7_r3` * q.`s7_t3_2` AS `s7_v3_2`,
            q.`s7_l1` * q.`s7_t3_2` AS `s7_v3_3`,
            q.`s8_r1` * q.`s8_t3_0` AS `s8_v3_0`,
            q.`s8_l3` * q.`s8_t3_0` + q.`s8_r2` * q.`s8_t3_1` AS `s8_v3_1`,
            q.`s8_l2` * q.`s8_t3_1` + q.`s8_r3` * q.`s8_t3_2` AS `s8_v3_2`,
            q.`s8_l1` * q.`s8_t3_2` AS `s8_v3_3`,
            q.`s9_r1` * q.`s9_t3_0` AS `s9_v3_0`,
            q.`s9_l3` * q.`s9_t3_0` + q.`s9_r2` * q.`s9_t3_1` AS `s9_v3_1`,
            q.`s9_l2` * q.`s9_t3_1` + q.`s9_r3` * q.`s9_t3_2` AS `s9_v3_2`,
            q.`s9_l1` * q.`s9_t3_2` AS `s9_v3_3`
          FROM (
            SELECT q.*,
              q.`s0_v2_0` / (q.`s0_r1` + q.`s0_l3`) AS `s0_t3_0`,
              q.`s0_v2_1` / (q.`s0_r2` + q.`s0_l2`) AS `s0_t3_1`,
              q.`s0_v2_2` / (q.`s0_r3` + q.`s0_l1`) AS `s0_t3_2`,
              q.`s1_v2_0` / (q.`s1_r1` + q.`s1_l3`) AS `s1_t3_0`,
              q.`s1_v2_1` / (q.`s1_r2` + q.`s1_l2`) AS `s1_t3_1`,
              q.`s1_v2_2` / (q.`s1_r3` + q.`s1_l1`) AS `s1_t3_2`,
              q.`s2_v2_0` / (q.`s2_r1` + q.`s2_l3`) AS `s2_t3_0`,
              q.`s2_v2_1` / (q.`s2_r2` + q.`s2_l2`) AS `s2_t3_1`,
              q.`s2_v2_2` / (q.`s2_r3` + q.`s2_l1`) AS `s2_t3_2`,
              q.`s3_v2_0` / (q.`s3_r1` + q.`s3_l3`) AS `s3_t3_0`,
              q.`s3_v2_1` / (q.`s3_r2` + q.`s3_l2`) AS `s3_t3_1`,
              q.`s3_v2_2` / (q.`s3_r3` + q.`s3_l1`) AS `s3_t3_2`,
              q.`s4_v2_0` / (q.`s4_r1` + q.`s4_l3`) AS `s4_t3_0`,
              q.`s4_v2_1` / (q.`s4_r2` + q.`s4_l2`) AS `s4_t3_1`,
              q.`s4_v2_2` / (q.`s4_r3` + q.`s4_l1`) AS `s4_t3_2`,
              q.`s5_v2_0` / (q.`s5_r1` + q.`s5_l3`) AS `s5_t3_0`,
              q.`s5_v2_1` / (q.`s5_r2` + q.`s5_l2`) AS `s5_t3_1`,
              q.`s5_v2_2` / (q.`s5_r3` + q.`s5_l1`) AS `s5_t3_2`,
              q.`s6_v2_0` / (q.`s6_r1` + q.`s6_l3`) AS `s6_t3_0`,
              q.`s6_v2_1` / (q.`s6_r2` + q.`s6_l2`) AS `s6_t3_1`,
              q.`s6_v2_2` / (q.`s6_r3` + q.`s6_l1`) AS `s6_t3_2`,
              q.`s7_v2_0` / (q.`s7_r1` + q.`s7_l3`) AS `s7_t3_0`,
              q.`s7_v2_1` / (q.`s7_r2` + q.`s7_l2`) AS `s7_t3_1`,
              q.`s7_v2_2` / (q.`s7_r3` + q.`s7_l1`) AS `s7_t3_2`,
              q.`s8_v2_0` / (q.`s8_r1` + q.`s8_l3`) AS `s8_t3_0`,
              q.`s8_v2_1` / (q.`s8_r2` + q.`s8_l2`) AS `s8_t3_1`,
              q.`s8_v2_2` / (q.`s8_r3` + q.`s8_l1`) AS `s8_t3_2`,
              q.`s9_v2_0` / (q.`s9_r1` + q.`s9_l3`) AS `s9_t3_0`,
              q.`s9_v2_1` / (q.`s9_r2` + q.`s9_l2`) AS `s9_t3_1`,
              q.`s9_v2_2` / (q.`s9_r3` + q.`s9_l1`) AS `s9_t3_2`
            FROM (
              SELECT q.*,
                q.`s0_r1` * q.`s0_t2_0` AS `s0_v2_0`,
                q.`s0_l2` * q.`s0_t2_0` + q.`s0_r2` * q.`s0_t2_1` AS `s0_v2_1`,
                q.`s0_l1` * q.`s0_t2_1` AS `s0_v2_2`,
                q.`s1_r1` * q.`s1_t2_0` AS `s1_v2_0`,
                q.`s1_l2` * q.`s1_t2_0` + q.`s1_r2` * q.`s1_t2_1` AS `s1_v2_1`,
                q.`s1_l1` * q.`s1_t2_1` AS `s1_v2_2`,
                q.`s2_r1` * q.`s2_t2_0` AS `s2_v2_0`,
                q.`s2_l2` * q.`s2_t2_0` + q.`s2_r2` * q.`s2_t2_1` AS `s2_v2_1`,
                q.`s2_l1` * q.`s2_t2_1` AS `s2_v2_2`,
                q.`s3_r1` * q.`s3_t2_0` AS `s3_v2_0`,
                q.`s3_l2` * q.`s3_t2_0` + q.`s3_r2` * q.`s3_t2_1` AS `s3_v2_1`,
                q.`s3_l1` * q.`s3_t2_1` AS `s3_v2_2`,
                q.`s4_r1` * q.`s4_t2_0` AS `s4_v2_0`,
                q.`s4_l2` * q.`s4_t2_0` + q.`s4_r2` * q.`s4_t2_1` AS `s4_v2_1`,
                q.`s4_l1` * q.`s4_t2_1` AS `s4_v2_2`,
                q.`s5_r1` * q.`s5_t2_0` AS `s5_v2_0`,
                q.`s5_l2` * q.`s5_t2_0` + q.`s5_r2` * q.`s5_t2_1` AS `s5_v2_1`,
                q.`s5_l1` * q.`s5_t2_1` AS `s5_v2_2`,
                q.`s6_r1` * q.`s6_t2_0` AS `s6_v2_0`,
                q.`s6_l2` * q.`s6_t2_0` + q.`s6_r2` * q.`s6_t2_1` AS `s6_v2_1`,
                q.`s6_l1` * q.`s6_t2_1` AS `s6_v2_2`,
                q.`s7_r1` * q.`s7_t2_0` AS `s7_v2_0`,
                q.`s7_l2` * q.`s7_t2_0` + q.`s7_r2` * q.`s7_t2_1` AS `s7_v2_1`,
                q.`s7_l1` * q.`s7_t2_1` AS `s7_v2_2`,
                q.`s8_r1` * q.`s8_t2_0` AS `s8_v2_0`,
                q.`s8_l2` * q.`s8_t2_0` + q.`s8_r2` * q.`s8_t2_1` AS `s8_v2_1`,
                q.`s8_l1` * q.`s8_t2_1` AS `s8_v2_2`,
                q.`s9_r1` * q.`s9_t2_0` AS `s9_v2_0`,
                q.`s9_l2` * q.`s9_t2_0` + q.`s9_r2` * q.`s9_t2_1` AS `s9_v2_1`,
                q.`s9_l1` * q.`s9_t2_1` AS `s9_v2_2`
              FROM (
                SELECT q.*,
                  q.`s0_v1_0` / (q.`s0_r1` + q.`s0_l2`) AS `s0_t2_0`,
                  q.`s0_v1_1` / (q.`s0_r2` + q.`s0_l1`) AS `s0_t2_1`,
                  q.`s1_v1_0` / (q.`s1_r1` + q.`s1_l2`) AS `s1_t2_0`,
                  q.`s1_v1_1` / (q.`s1_r2` + q.`s1_l1`) AS `s1_t2_1`,
                  q.`s2_v1_0` / (q.`s2_r1` + q.`s2_l2`) AS `s2_t2_0`,
                  q.`s2_v1_1` / (q.`s2_r2` + q.`s2_l1`) AS `s2_t2_1`,
                  q.`s3_v1_0` / (q.`s3_r1` + q.`s3_l2`) AS `s3_t2_0`,
                  q.`s3_v1_1` / (q.`s3_r2` + q.`s3_l1`) AS `s3_t2_1`,
                  q.`s4_v1_0` / (q.`s4_r1` + q.`s4_l2`) AS `s4_t2_0`,
                  q.`s4_v1_1` / (q.`s4_r2` + q.`s4_l1`) AS `s4_t2_1`,
                  q.`s5_v1_0` / (q.`s5_r1` + q.`s5_l2`) AS `s5_t2_0`,
                  q.`s5_v1_1` / (q.`s5_r2` + q.`s5_l1`) AS `s5_t2_1`,
                  q.`s6_v1_0` / (q.`s6_r1` + q.`s6_l2`) AS `s6_t2_0`,
                  q.`s6_v1_1` / (q.`s6_r2` + q.`s6_l1`) AS `s6_t2_1`,
                  q.`s7_v1_0` / (q.`s7_r1` + q.`s7_l2`) AS `s7_t2_0`,
                  q.`s7_v1_1` / (q.`s7_r2` + q.`s7_l1`) AS `s7_t2_1`,
                  q.`s8_v1_0` / (q.`s8_r1` + q.`s8_l2`) AS `s8_t2_0`,
                  q.`s8_v1_1` / (q.`s8_r2` + q.`s8_l1`) AS `s8_t2_1`,
                  q.`s9_v1_0` / (q.`s9_r1` + q.`s9_l2`) AS `s9_t2_0`,
                  q.`s9_v1_1` / (q.`s9_r2` + q.`s9_l1`) AS `s9_t2_1`
                FROM (
                  SELECT q.*,
                    q.`s0_r1` * q.`s0_t1_0` AS `s0_v1_0`,
                    q.`s0_l1` * q.`s0_t1_0` AS `s0_v1_1`,
                    q.`s1_r1` * q.`s1_t1_0` AS `s1_v1_0`,
                    q.`s1_l1` * q.`s1_t1_0` AS `s1_v1_1`,
                    q.`s2_r1` * q.`s2_t1_0` AS `s2_v1_0`,
                    q.`s2_l1` * q.`s2_t1_0` AS `s2_v1_1`,
                    q.`s3_r1` * q.`s3_t1_0` AS `s3_v1_0`,
                    q.`s3_l1` * q.`s3_t1_0` AS `s3_v1_1`,
                    q.`s4_r1` * q.`s4_t1_0` AS `s4_v1_0`,
                    q.`s4_l1` * q.`s4_t1_0` AS `s4_v1_1`,
                    q.`s5_r1` * q.`s5_t1_0` AS `s5_v1_0`,
                    q.`s5_l1` * q.`s5_t1_0` AS `s5_v1_1`,
                    q.`s6_r1` * q.`s6_t1_0` AS `s6_v1_0`,
                    q.`s6_l1` * q.`s6_t1_0` AS `s6_v1_1`,
                    q.`s7_r1` * q.`s7_t1_0` AS `s7_v1_0`,
                    q.`s7_l1` * q.`s7_t1_0` AS `s7_v1_1`,
                    q.`s8_r1` * q.`s8_t1_0` AS `s8_v1_0`,
                    q.`s8_l1` * q.`s8_t1_0` AS `s8_v1_1`,
                    q.`s9_r1` * q.`s9_t1_0` AS `s9_v1_0`,
                    q.`s9_l1` * q.`s9_t1_0` AS `s9_v1_1`
                  FROM (
                    SELECT q.*,
                      1E0 / (q.`s0_r1` + q.`s0_l1`) AS `s0_t1_0`,
                      1E0 / (q.`s1_r1` + q.`s1_l1`) AS `s1_t1_0`,
                      1E0 / (q.`s2_r1` + q.`s2_l1`) AS `s2_t1_0`,
                      1E0 / (q.`s3_r1` + q.`s3_l1`) AS `s3_t1_0`,
                      1E0 / (q.`s4_r1` + q.`s4_l1`) AS `s4_t1_0`,
                      1E0 / (q.`s5_r1` + q.`s5_l1`) AS `s5_t1_0`,
                      1E0 / (q.`s6_r1` + q.`s6_l1`) AS `s6_t1_0`,
                      1E0 / (q.`s7_r1` + q.`s7_l1`) AS `s7_t1_0`,
                      1E0 / (q.`s8_r1` + q.`s8_l1`) AS `s8_t1_0`,
                      1E0 / (q.`s9_r1` + q.`s9_l1`) AS `s9_t1_0`
                    FROM (
                      SELECT q.*,
                        q.`s0_x` - (CASE q.`s0_k` WHEN 3 THEN 1E0 WHEN 4 THEN 58E0 WHEN 5 THEN 78E0 WHEN 6 THEN 93E0 WHEN 7 THEN 107E0 WHEN 8 THEN 123E0 WHEN 9 THEN 143E0 END) AS `s0_l1`,
                        (CASE q.`s0_k` WHEN 3 THEN 58E0 WHEN 4 THEN 78E0 WHEN 5 THEN 93E0 WHEN 6 THEN 107E0 WHEN 7 THEN 123E0 WHEN 8 THEN 143E0 WHEN 9 THEN 243E0 END) - q.`s0_x` AS `s0_r1`,
                        q.`s0_x` - (CASE q.`s0_k` WHEN 3 THEN (-56E0) WHEN 4 THEN 1E0 WHEN 5 THEN 58E0 WHEN 6 THEN 78E0 WHEN 7 THEN 93E0 WHEN 8 THEN 107E0 WHEN 9 THEN 123E0 END) AS `s0_l2`,
                        (CASE q.`s0_k` WHEN 3 THEN 78E0 WHEN 4 THEN 93E0 WHEN 5 THEN 107E0 WHEN 6 THEN 123E0 WHEN 7 THEN 143E0 WHEN 8 THEN 243E0 WHEN 9 THEN 343E0 END) - q.`s0_x` AS `s0_r2`,
                        q.`s0_x` - (CASE q.`s0_k` WHEN 3 THEN (-113E0) WHEN 4 THEN (-56E0) WHEN 5 THEN 1E0 WHEN 6 THEN 58E0 WHEN 7 THEN 78E0 WHEN 8 THEN 93E0 WHEN 9 THEN 107E0 END) AS `s0_l3`,
                        (CASE q.`s0_k` WHEN 3 THEN 93E0 WHEN 4 THEN 107E0 WHEN 5 THEN 123E0 WHEN 6 THEN 143E0 WHEN 7 THEN 243E0 WHEN 8 THEN 343E0 WHEN 9 THEN 443E0 END) - q.`s0_x` AS `s0_r3`,
                        q.`s1_x` - (CASE q.`s1_k` WHEN 3 THEN 0E0 WHEN 4 THEN 29E0 END) AS `s1_l1`,
                        (CASE q.`s1_k` WHEN 3 THEN 29E0 WHEN 4 THEN 50E0 END) - q.`s1_x` AS `s1_r1`,
                        q.`s1_x` - (CASE q.`s1_k` WHEN 3 THEN (-29E0) WHEN 4 THEN 0E0 END) AS `s1_l2`,
                        (CASE q.`s1_k` WHEN 3 THEN 50E0 WHEN 4 THEN 71E0 END) - q.`s1_x` AS `s1_r2`,
                        q.`s1_x` - (CASE q.`s1_k` WHEN 3 THEN (-58E0) WHEN 4 THEN (-29E0) END) AS `s1_l3`,
                        (CASE q.`s1_k` WHEN 3 THEN 71E0 WHEN 4 THEN 92E0 END) - q.`s1_x` AS `s1_r3`,
                        q.`s2_x` - (CASE q.`s2_k` WHEN 3 THEN 0E0 WHEN 4 THEN 122.27142857142857E0 WHEN 5 THEN 148.7E0 WHEN 6 THEN 169.8E0 WHEN 7 THEN 190.5E0 WHEN 8 THEN 210.15714285714282E0 WHEN 9 THEN 236.7E0 END) AS `s2_l1`,
                        (CASE q.`s2_k` WHEN 3 THEN 122.27142857142857E0 WHEN 4 THEN 148.7E0 WHEN 5 THEN 169.8E0 WHEN 6 THEN 190.5E0 WHEN 7 THEN 210.15714285714282E0 WHEN 8 THEN 236.7E0 WHEN 9 THEN 350.8E0 END) - q.`s2_x` AS `s2_r1`,
                        q.`s2_x` - (CASE q.`s2_k` WHEN 3 THEN (-122.27142857142857E0) WHEN 4 THEN 0E0 WHEN 5 THEN 122.27142857142857E0 WHEN 6 THEN 148.7E0 WHEN 7 THEN 169.8E0 WHEN 8 THEN 190.5E0 WHEN 9 THEN 210.15714285714282E0 END) AS `s2_l2`,
                        (CASE q.`s2_k` WHEN 3 THEN 148.7E0 WHEN 4 THEN 169.8E0 WHEN 5 THEN 190.5E0 WHEN 6 THEN 210.15714285714282E0 WHEN 7 THEN 236.7E0 WHEN 8 THEN 350.8E0 WHEN 9 THEN 464.90000000000003E0 END) - q.`s2_x` AS `s2_r2`,
                        q.`s2_x` - (CASE q.`s2_k` WHEN 3 THEN (-244.54285714285714E0) WHEN 4 THEN (-122.27142857142857E0) WHEN 5 THEN 0E0 WHEN 6 THEN 122.27142857142857E0 WHEN 7 THEN 148.7E0 WHEN 8 THEN 169.8E0 WHEN 9 THEN 190.5E0 END) AS `s2_l3`,
                        (CASE q.`s2_k` WHEN 3 THEN 169.8E0 WHEN 4 THEN 190.5E0 WHEN 5 THEN 210.15714285714282E0 WHEN 6 THEN 236.7E0 WHEN 7 THEN 350.8E0 WHEN 8 THEN 464.90000000000003E0 WHEN 9 THEN 579.0000000000001E0 END) - q.`s2_x` AS `s2_r3`,
                        q.`s3_x` - (CASE q.`s3_k` WHEN 3 THEN 0E0 WHEN 4 THEN 79E0 WHEN 5 THEN 89E0 WHEN 6 THEN 97E0 WHEN 7 THEN 104E0 WHEN 8 THEN 112E0 WHEN 9 THEN 121E0 END) AS `s3_l1`,
                        (CASE q.`s3_k` WHEN 3 THEN 79E0 WHEN 4 THEN 89E0 WHEN 5 THEN 97E0 WHEN 6 THEN 104E0 WHEN 7 THEN 112E0 WHEN 8 THEN 121E0 WHEN 9 THEN 160E0 END) - q.`s3_x` AS `s3_r1`,
                        q.`s3_x` - (CASE q.`s3_k` WHEN 3 THEN (-79E0) WHEN 4 THEN 0E0 WHEN 5 THEN 79E0 WHEN 6 THEN 89E0 WHEN 7 THEN 97E0 WHEN 8 THEN 104E0 WHEN 9 THEN 112E0 END) AS `s3_l2`,
                        (CASE q.`s3_k` WHEN 3 THEN 89E0 WHEN 4 THEN 97E0 WHEN 5 THEN 104E0 WHEN 6 THEN 112E0 WHEN 7 THEN 121E0 WHEN 8 THEN 160E0 WHEN 9 THEN 199E0 END) - q.`s3_x` AS `s3_r2`,
                        q.`s3_x` - (CASE q.`s3_k` WHEN 3 THEN (-158E0) WHEN 4 THEN (-79E0) WHEN 5 THEN 0E0 WHEN 6 THEN 79E0 WHEN 7 THEN 89E0 WHEN 8 THEN 97E0 WHEN 9 THEN 104E0 END) AS `s3_l3`,
                        (CASE q.`s3_k` WHEN 3 THEN 97E0 WHEN 4 THEN 104E0 WHEN 5 THEN 112E0 WHEN 6 THEN 121E0 WHEN 7 THEN 160E0 WHEN 8 THEN 199E0 WHEN 9 THEN 238E0 END) - q.`s3_x` AS `s3_r3`,
                        q.`s4_x` - (CASE q.`s4_k` WHEN 3 THEN 0E0 WHEN 4 THEN 146.14285714285714E0 WHEN 5 THEN 169.58571428571426E0 WHEN 6 THEN 190.81428571428572E0 WHEN 7 THEN 209.8E0 WHEN 8 THEN 229.7E0 WHEN 9 THEN 255.5285714285714E0 END) AS `s4_l1`,
                        (CASE q.`s4_k` WHEN 3 THEN 146.14285714285714E0 WHEN 4 THEN 169.58571428571426E0 WHEN 5 THEN 190.81428571428572E0 WHEN 6 THEN 209.8E0 WHEN 7 THEN 229.7E0 WHEN 8 THEN 255.5285714285714E0 WHEN 9 THEN 363.7E0 END) - q.`s4_x` AS `s4_r1`,
                        q.`s4_x` - (CASE q.`s4_k` WHEN 3 THEN (-146.14285714285714E0) WHEN 4 THEN 0E0 WHEN 5 THEN 146.14285714285714E0 WHEN 6 THEN 169.58571428571426E0 WHEN 7 THEN 190.81428571428572E0 WHEN 8 THEN 209.8E0 WHEN 9 THEN 229.7E0 END) AS `s4_l2`,
                        (CASE q.`s4_k` WHEN 3 THEN 169.58571428571426E0 WHEN 4 THEN 190.81428571428572E0 WHEN 5 THEN 209.8E0 WHEN 6 THEN 229.7E0 WHEN 7 THEN 255.5285714285714E0 WHEN 8 THEN 363.7E0 WHEN 9 THEN 471.87142857142857E0 END) - q.`s4_x` AS `s4_r2`,
                        q.`s4_x` - (CASE q.`s4_k` WHEN 3 THEN (-292.2857142857143E0) WHEN 4 THEN (-146.14285714285714E0) WHEN 5 THEN 0E0 WHEN 6 THEN 146.14285714285714E0 WHEN 7 THEN 169.58571428571426E0 WHEN 8 THEN 190.81428571428572E0 WHEN 9 THEN 209.8E0 END) AS `s4_l3`,
                        (CASE q.`s4_k` WHEN 3 THEN 190.81428571428572E0 WHEN 4 THEN 209.8E0 WHEN 5 THEN 229.7E0 WHEN 6 THEN 255.5285714285714E0 WHEN 7 THEN 363.7E0 WHEN 8 THEN 471.87142857142857E0 WHEN 9 THEN 580.0428571428572E0 END) - q.`s4_x` AS `s4_r3`,
                        q.`s5_x` - (CASE q.`s5_k` WHEN 3 THEN 0E0 WHEN 4 THEN 79E0 WHEN 5 THEN 88.42857142857133E0 WHEN 6 THEN 96E0 WHEN 7 THEN 104E0 WHEN 8 THEN 111E0 WHEN 9 THEN 121E0 END) AS `s5_l1`,
                        (CASE q.`s5_k` WHEN 3 THEN 79E0 WHEN 4 THEN 88.42857142857133E0 WHEN 5 THEN 96E0 WHEN 6 THEN 104E0 WHEN 7 THEN 111E0 WHEN 8 THEN 121E0 WHEN 9 THEN 170E0 END) - q.`s5_x` AS `s5_r1`,
                        q.`s5_x` - (CASE q.`s5_k` WHEN 3 THEN (-79E0) WHEN 4 THEN 0E0 WHEN 5 THEN 79E0 WHEN 6 THEN 88.42857142857133E0 WHEN 7 THEN 96E0 WHEN 8 THEN 104E0 WHEN 9 THEN 111E0 END) AS `s5_l2`,
                        (CASE q.`s5_k` WHEN 3 THEN 88.42857142857133E0 WHEN 4 THEN 96E0 WHEN 5 THEN 104E0 WHEN 6 THEN 111E0 WHEN 7 THEN 121E0 WHEN 8 THEN 170E0 WHEN 9 THEN 219E0 END) - q.`s5_x` AS `s5_r2`,
                        q.`s5_x` - (CASE q.`s5_k` WHEN 3 THEN (-158E0) WHEN 4 THEN (-79E0) WHEN 5 THEN 0E0 WHEN 6 THEN 79E0 WHEN 7 THEN 88.42857142857133E0 WHEN 8 THEN 96E0 WHEN 9 THEN 104E0 END) AS `s5_l3`,
                        (CASE q.`s5_k` WHEN 3 THEN 96E0 WHEN 4 THEN 104E0 WHEN 5 THEN 111E0 WHEN 6 THEN 121E0 WHEN 7 THEN 170E0 WHEN 8 THEN 219E0 WHEN 9 THEN 268E0 END) - q.`s5_x` AS `s5_r3`,
                        q.`s6_x` - (CASE q.`s6_k` WHEN 3 THEN 43.7E0 WHEN 4 THEN 147.1E0 WHEN 5 THEN 171.7E0 WHEN 6 THEN 191.7142857142857E0 WHEN 7 THEN 210.8E0 WHEN 8 THEN 229.9E0 WHEN 9 THEN 255.7E0 END) AS `s6_l1`,
                        (CASE q.`s6_k` WHEN 3 THEN 147.1E0 WHEN 4 THEN 171.7E0 WHEN 5 THEN 191.7142857142857E0 WHEN 6 THEN 210.8E0 WHEN 7 THEN 229.9E0 WHEN 8 THEN 255.7E0 WHEN 9 THEN 395E0 END) - q.`s6_x` AS `s6_r1`,
                        q.`s6_x` - (CASE q.`s6_k` WHEN 3 THEN (-59.69999999999999E0) WHEN 4 THEN 43.7E0 WHEN 5 THEN 147.1E0 WHEN 6 THEN 171.7E0 WHEN 7 THEN 191.7142857142857E0 WHEN 8 THEN 210.8E0 WHEN 9 THEN 229.9E0 END) AS `s6_l2`,
                        (CASE q.`s6_k` WHEN 3 THEN 171.7E0 WHEN 4 THEN 191.7142857142857E0 WHEN 5 THEN 210.8E0 WHEN 6 THEN 229.9E0 WHEN 7 THEN 255.7E0 WHEN 8 THEN 395E0 WHEN 9 THEN 534.3E0 END) - q.`s6_x` AS `s6_r2`,
                        q.`s6_x` - (CASE q.`s6_k` WHEN 3 THEN (-163.1E0) WHEN 4 THEN (-59.69999999999999E0) WHEN 5 THEN 43.7E0 WHEN 6 THEN 147.1E0 WHEN 7 THEN 171.7E0 WHEN 8 THEN 191.7142857142857E0 WHEN 9 THEN 210.8E0 END) AS `s6_l3`,
                        (CASE q.`s6_k` WHEN 3 THEN 191.7142857142857E0 WHEN 4 THEN 210.8E0 WHEN 5 THEN 229.9E0 WHEN 6 THEN 255.7E0 WHEN 7 THEN 395E0 WHEN 8 THEN 534.3E0 WHEN 9 THEN 673.6E0 END) - q.`s6_x` AS `s6_r3`,
                        q.`s7_x` - (CASE q.`s7_k` WHEN 3 THEN 33E0 WHEN 4 THEN 79E0 WHEN 5 THEN 89E0 WHEN 6 THEN 97E0 WHEN 7 THEN 104E0 WHEN 8 THEN 111E0 WHEN 9 THEN 121E0 END) AS `s7_l1`,
                        (CASE q.`s7_k` WHEN 3 THEN 79E0 WHEN 4 THEN 89E0 WHEN 5 THEN 97E0 WHEN 6 THEN 104E0 WHEN 7 THEN 111E0 WHEN 8 THEN 121E0 WHEN 9 THEN 166E0 END) - q.`s7_x` AS `s7_r1`,
                        q.`s7_x` - (CASE q.`s7_k` WHEN 3 THEN (-13E0) WHEN 4 THEN 33E0 WHEN 5 THEN 79E0 WHEN 6 THEN 89E0 WHEN 7 THEN 97E0 WHEN 8 THEN 104E0 WHEN 9 THEN 111E0 END) AS `s7_l2`,
                        (CASE q.`s7_k` WHEN 3 THEN 89E0 WHEN 4 THEN 97E0 WHEN 5 THEN 104E0 WHEN 6 THEN 111E0 WHEN 7 THEN 121E0 WHEN 8 THEN 166E0 WHEN 9 THEN 211E0 END) - q.`s7_x` AS `s7_r2`,
                        q.`s7_x` - (CASE q.`s7_k` WHEN 3 THEN (-59E0) WHEN 4 THEN (-13E0) WHEN 5 THEN 33E0 WHEN 6 THEN 79E0 WHEN 7 THEN 89E0 WHEN 8 THEN 97E0 WHEN 9 THEN 104E0 END) AS `s7_l3`,
                        (CASE q.`s7_k` WHEN 3 THEN 97E0 WHEN 4 THEN 104E0 WHEN 5 THEN 111E0 WHEN 6 THEN 121E0 WHEN 7 THEN 166E0 WHEN 8 THEN 211E0 WHEN 9 THEN 256E0 END) - q.`s7_x` AS `s7_r3`,
                        q.`s8_x` - (CASE q.`s8_k` WHEN 3 THEN 0E0 WHEN 4 THEN 7.4E0 WHEN 5 THEN 8.8E0 WHEN 6 THEN 9.8E0 WHEN 7 THEN 10.8E0 WHEN 8 THEN 11.8E0 WHEN 9 THEN 13.2E0 END) AS `s8_l1`,
                        (CASE q.`s8_k` WHEN 3 THEN 7.4E0 WHEN 4 THEN 8.8E0 WHEN 5 THEN 9.8E0 WHEN 6 THEN 10.8E0 WHEN 7 THEN 11.8E0 WHEN 8 THEN 13.2E0 WHEN 9 THEN 20E0 END) - q.`s8_x` AS `s8_r1`,
                        q.`s8_x` - (CASE q.`s8_k` WHEN 3 THEN (-7.4E0) WHEN 4 THEN 0E0 WHEN 5 THEN 7.4E0 WHEN 6 THEN 8.8E0 WHEN 7 THEN 9.8E0 WHEN 8 THEN 10.8E0 WHEN 9 THEN 11.8E0 END) AS `s8_l2`,
                        (CASE q.`s8_k` WHEN 3 THEN 8.8E0 WHEN 4 THEN 9.8E0 WHEN 5 THEN 10.8E0 WHEN 6 THEN 11.8E0 WHEN 7 THEN 13.2E0 WHEN 8 THEN 20E0 WHEN 9 THEN 26.8E0 END) - q.`s8_x` AS `s8_r2`,
                        q.`s8_x` - (CASE q.`s8_k` WHEN 3 THEN (-14.8E0) WHEN 4 THEN (-7.4E0) WHEN 5 THEN 0E0 WHEN 6 THEN 7.4E0 WHEN 7 THEN 8.8E0 WHEN 8 THEN 9.8E0 WHEN 9 THEN 10.8E0 END) AS `s8_l3`,
                        (CASE q.`s8_k` WHEN 3 THEN 9.8E0 WHEN 4 THEN 10.8E0 WHEN 5 THEN 11.8E0 WHEN 6 THEN 13.2E0 WHEN 7 THEN 20E0 WHEN 8 THEN 26.8E0 WHEN 9 THEN 33.6E0 END) - q.`s8_x` AS `s8_r3`,
                        q.`s9_x` - (CASE q.`s9_k` WHEN 3 THEN 0E0 WHEN 4 THEN 2E0 WHEN 5 THEN 3E0 WHEN 6 THEN 4E0 WHEN 7 THEN 5E0 WHEN 8 THEN 7E0 END) AS `s9_l1`,
                        (CASE q.`s9_k` WHEN 3 THEN 2E0 WHEN 4 THEN 3E0 WHEN 5 THEN 4E0 WHEN 6 THEN 5E0 WHEN 7 THEN 7E0 WHEN 8 THEN 20E0 END) - q.`s9_x` AS `s9_r1`,
                        q.`s9_x` - (CASE q.`s9_k` WHEN 3 THEN (-2E0) WHEN 4 THEN 0E0 WHEN 5 THEN 2E0 WHEN 6 THEN 3E0 WHEN 7 THEN 4E0 WHEN 8 THEN 5E0 END) AS `s9_l2`,
                        (CASE q.`s9_k` WHEN 3 THEN 3E0 WHEN 4 THEN 4E0 WHEN 5 THEN 5E0 WHEN 6 THEN 7E0 WHEN 7 THEN 20E0 WHEN 8 THEN 33E0 END) - q.`s9_x` AS `s9_r2`,
                        q.`s9_x` - (CASE q.`s9_k` WHEN 3 THEN (-4E0) WHEN 4 THEN (-2E0) WHEN 5 THEN 0E0 WHEN 6 THEN 2E0 WHEN 7 THEN 3E0 WHEN 8 THEN 4E0 END) AS `s9_l3`,
                        (CASE q.`s9_k` WHEN 3 THEN 4E0 WHEN 4 THEN 5E0 WHEN 5 THEN 7E0 WHEN 6 THEN 20E0 WHEN 7 THEN 33E0 WHEN 8 THEN 46E0 END) - q.`s9_x` AS `s9_r3`
                      FROM (
                        SELECT q.*,
                          CASE WHEN q.`s0_x` >= 143E0 THEN 9 WHEN q.`s0_x` >= 123E0 THEN 8 WHEN q.`s0_x` >= 107E0 THEN 7 WHEN q.`s0_x` >= 93E0 THEN 6 WHEN q.`s0_x` >= 78E0 THEN 5 WHEN q.`s0_x` >= 58E0 THEN 4 ELSE 3 END AS `s0_k`,
                          CASE WHEN q.`s1_x` >= 29E0 THEN 4 ELSE 3 END AS `s1_k`,
                          CASE WHEN q.`s2_x` >= 236.7E0 THEN 9 WHEN q.`s2_x` >= 210.15714285714282E0 THEN 8 WHEN q.`s2_x` >= 190.5E0 THEN 7 WHEN q.`s2_x` >= 169.8E0 THEN 6 WHEN q.`s2_x` >= 148.7E0 THEN 5 WHEN q.`s2_x` >= 122.27142857142857E0 THEN 4 ELSE 3 END AS `s2_k`,
                          CASE WHEN q.`s3_x` >= 121E0 THEN 9 WHEN q.`s3_x` >= 112E0 THEN 8 WHEN q.`s3_x` >= 104E0 THEN 7 WHEN q.`s3_x` >= 97E0 THEN 6 WHEN q.`s3_x` >= 89E0 THEN 5 WHEN q.`s3_x` >= 79E0 THEN 4 ELSE 3 END AS `s3_k`,
                          CASE WHEN q.`s4_x` >= 255.5285714285714E0 THEN 9 WHEN q.`s4_x` >= 229.7E0 THEN 8 WHEN q.`s4_x` >= 209.8E0 THEN 7 WHEN q.`s4_x` >= 190.81428571428572E0 THEN 6 WHEN q.`s4_x` >= 169.58571428571426E0 THEN 5 WHEN q.`s4_x` >= 146.14285714285714E0 THEN 4 ELSE 3 END AS `s4_k`,
                          CASE WHEN q.`s5_x` >= 121E0 THEN 9 WHEN q.`s5_x` >= 111E0 THEN 8 WHEN q.`s5_x` >= 104E0 THEN 7 WHEN q.`s5_x` >= 96E0 THEN 6 WHEN q.`s5_x` >= 88.42857142857133E0 THEN 5 WHEN q.`s5_x` >= 79E0 THEN 4 ELSE 3 END AS `s5_k`,
                          CASE WHEN q.`s6_x` >= 255.7E0 THEN 9 WHEN q.`s6_x` >= 229.9E0 THEN 8 WHEN q.`s6_x` >= 210.8E0 THEN 7 WHEN q.`s6_x` >= 191.7142857142857E0 THEN 6 WHEN q.`s6_x` >= 171.7E0 THEN 5 WHEN q.`s6_x` >= 147.1E0 THEN 4 ELSE 3 END AS `s6_k`,
                          CASE WHEN q.`s7_x` >= 121E0 THEN 9 WHEN q.`s7_x` >= 111E0 THEN 8 WHEN q.`s7_x` >= 104E0 THEN 7 WHEN q.`s7_x` >= 97E0 THEN 6 WHEN q.`s7_x` >= 89E0 THEN 5 WHEN q.`s7_x` >= 79E0 THEN 4 ELSE 3 END AS `s7_k`,
                          CASE WHEN q.`s8_x` >= 13.2E0 THEN 9 WHEN q.`s8_x` >= 11.8E0 THEN 8 WHEN q.`s8_x` >= 10.8E0 THEN 7 WHEN q.`s8_x` >= 9.8E0 THEN 6 WHEN q.`s8_x` >= 8.8E0 THEN 5 WHEN q.`s8_x` >= 7.4E0 THEN 4 ELSE 3 END AS `s8_k`,
                          CASE WHEN q.`s9_x` >= 7E0 THEN 8 WHEN q.`s9_x` >= 5E0 THEN 7 WHEN q.`s9_x` >= 4E0 THEN 6 WHEN q.`s9_x` >= 3E0 THEN 5 WHEN q.`s9_x` >= 2E0 THEN 4 ELSE 3 END AS `s9_k`
                        FROM (
                          SELECT q.*,
                            LEAST(GREATEST(q.`x_0`, 1E0), 243E0) AS `s0_x`,
                            LEAST(GREATEST(q.`x_1`, 0E0), 50E0) AS `s1_x`,
                            LEAST(GREATEST(q.`x_2`, 0E0), 350.8E0) AS `s2_x`,
                            LEAST(GREATEST(q.`x_3`, 0E0), 160E0) AS `s3_x`,
                            LEAST(GREATEST(q.`x_4`, 0E0), 363.7E0) AS `s4_x`,
                            LEAST(GREATEST(q.`x_5`, 0E0), 170E0) AS `s5_x`,
                            LEAST(GREATEST(q.`x_6`, 43.7E0), 395E0) AS `s6_x`,
                            LEAST(GREATEST(q.`x_7`, 33E0), 166E0) AS `s7_x`,
                            LEAST(GREATEST(q.`x_8`, 0E0), 20E0) AS `s8_x`,
                            LEAST(GREATEST(q.`x_9`, 0E0), 20E0) AS `s9_x`
                          FROM (
                            SELECT q.*,
                              CASE WHEN q.`g_0_d0` <= q.`g_0_d1` AND q.`g_0_d0` <= q.`g_0_d2` THEN 0 WHEN q.`g_0_d1` <= q.`g_0_d2` THEN 1 ELSE 2 END AS `g_0`
                            FROM (
                              SELECT q.*,
                                (q.`g_0_s0` - (-0.013599033171859853E0)) * (q.`g_0_s0` - (-0.013599033171859853E0)) + (q.`g_0_s1` - 1.6313411969214942E0) * (q.`g_0_s1` - 1.6313411969214942E0) + (q.`g_0_s2` - 0.04116034135454128E0) * (q.`g_0_s2` - 0.04116034135454128E0) + (q.`g_0_s3` - (-0.012279638686372345E0)) * (q.`g_0_s3` - (-0.012279638686372345E0)) + (q.`g_0_s4` - 0.04360843889899356E0) * (q.`g_0_s4` - 0.04360843889899356E0) + (q.`g_0_s5` - 0.014316785784863204E0) * (q.`g_0_s5` - 0.014316785784863204E0) + (q.`g_0_s6` - 0.007202318919054642E0) * (q.`g_0_s6` - 0.007202318919054642E0) + (q.`g_0_s7` - 0.026847623916200672E0) * (q.`g_0_s7` - 0.026847623916200672E0) + (q.`g_0_s8` - (-0.02521893673218405E0)) * (q.`g_0_s8` - (-0.02521893673218405E0)) + (q.`g_0_s9` - 0.04177527654648497E0) * (q.`g_0_s9` - 0.04177527654648497E0) + (q.`g_0_s10` - (-0.03373880860126051E0)) * (q.`g_0_s10` - (-0.03373880860126051E0)) AS `g_0_d0`,
                                (q.`g_0_s0` - 0.6037669123823385E0) * (q.`g_0_s0` - 0.6037669123823385E0) + (q.`g_0_s1` - (-0.5546050051321727E0)) * (q.`g_0_s1` - (-0.5546050051321727E0)) + (q.`g_0_s2` - 0.09628855346622629E0) * (q.`g_0_s2` - 0.09628855346622629E0) + (q.`g_0_s3` - 0.4059619394368286E0) * (q.`g_0_s3` - 0.4059619394368286E0) + (q.`g_0_s4` - (-0.2629733745940691E0)) * (q.`g_0_s4` - (-0.2629733745940691E0)) + (q.`g_0_s5` - 0.1656122354349381E0) * (q.`g_0_s5` - 0.1656122354349381E0) + (q.`g_0_s6` - 0.09957700505723101E0) * (q.`g_0_s6` - 0.09957700505723101E0) + (q.`g_0_s7` - 0.014505574056936369E0) * (q.`g_0_s7` - 0.014505574056936369E0) + (q.`g_0_s8` - 0.034855543825595366E0) * (q.`g_0_s8` - 0.034855543825595366E0) + (q.`g_0_s9` - 0.11149349607474096E0) * (q.`g_0_s9` - 0.11149349607474096E0) + (q.`g_0_s10` - 0.03563674989031119E0) * (q.`g_0_s10` - 0.03563674989031119E0) AS `g_0_d1`,
                                (q.`g_0_s0` - (-0.6626704401495915E0)) * (q.`g_0_s0` - (-0.6626704401495915E0)) + (q.`g_0_s1` - (-0.5606481195067133E0)) * (q.`g_0_s1` - (-0.5606481195067133E0)) + (q.`g_0_s2` - (-0.13698083750944295E0)) * (q.`g_0_s2` - (-0.13698083750944295E0)) + (q.`g_0_s3` - (-0.44330242119394925E0)) * (q.`g_0_s3` - (-0.44330242119394925E0)) + (q.`g_0_s4` - 0.2614074395612422E0) * (q.`g_0_s4` - 0.2614074395612422E0) + (q.`g_0_s5` - (-0.19480543409393786E0)) * (q.`g_0_s5` - (-0.19480543409393786E0)) + (q.`g_0_s6` - (-0.11611436046914976E0)) * (q.`g_0_s6` - (-0.11611436046914976E0)) + (q.`g_0_s7` - (-0.035549864549694485E0)) * (q.`g_0_s7` - (-0.035549864549694485E0)) + (q.`g_0_s8` - (-0.02060648547260204E0)) * (q.`g_0_s8` - (-0.02060648547260204E0)) + (q.`g_0_s9` - (-0.15436074804821004E0)) * (q.`g_0_s9` - (-0.15436074804821004E0)) + (q.`g_0_s10` - (-0.015322368186064283E0)) * (q.`g_0_s10` - (-0.015322368186064283E0)) AS `g_0_d2`
                              FROM (
                                SELECT q.*,
                                  (q.`x_0` - 100.62040510127532E0) / 39.556552857325826E0 AS `g_0_s0`,
                                  (q.`x_1` - 8.021755438859715E0) / 13.609723838672798E0 AS `g_0_s1`,
                                  (q.`x_2` - 179.48162040510135E0) / 54.20018228488604E0 AS `g_0_s2`,
                                  (q.`x_3` - 100.31020255063765E0) / 19.984413116874137E0 AS `g_0_s3`,
                                  (q.`x_4` - 200.38615903976006E0) / 50.94195842336368E0 AS `g_0_s4`,
                                  (q.`x_5` - 100.02363090772693E0) / 20.157663544411502E0 AS `g_0_s5`,
                                  (q.`x_6` - 201.16894223555968E0) / 50.77079878393386E0 AS `g_0_s6`,
                                  (q.`x_7` - 100.10615153788447E0) / 19.414816338080637E0 AS `g_0_s7`,
                                  (q.`x_8` - 10.23702175543886E0) / 2.7878255819088897E0 AS `g_0_s8`,
                                  (q.`x_9` - 4.467366841710428E0) / 2.455734208100698E0 AS `g_0_s9`,
                                  (q.`x_10` - 1.5626406601650413E0) / 1.3109898177456236E0 AS `g_0_s10`
                                FROM (
                                  SELECT q.*,
                                    COALESCE(q.`r_0`, 100E0) AS `x_0`,
                                    COALESCE(q.`r_1`, 0E0) AS `x_1`,
                                    COALESCE(q.`r_2`, 179.95E0) AS `x_2`,
                                    COALESCE(q.`r_3`, 101E0) AS `x_3`,
                                    COALESCE(q.`r_4`, 200.9E0) AS `x_4`,
                                    COALESCE(q.`r_5`, 100E0) AS `x_5`,
                                    COALESCE(q.`r_6`, 201.14999999999998E0) AS `x_6`,
                                    COALESCE(q.`r_7`, 100E0) AS `x_7`,
                                    COALESCE(q.`r_8`, 10.2E0) AS `x_8`,
                                    COALESCE(q.`r_9`, 4E0) AS `x_9`,
                                    COALESCE(q.`r_10`, 1E0) AS `x_10`,
                                    CASE WHEN q.`t_0` = 'Yes' THEN 1E0 ELSE 0E0 END AS `x_11`,
                                    CASE WHEN q.`t_1` = 'Yes' THEN 1E0 ELSE 0E0 END AS `x_12`
                                  FROM (
                                    SELECT
                                      `Number vmail messages` AS `id_0`,
                                      CAST(`Account length` AS FLOAT64) AS `r_0`,
                                      CAST(`Number vmail messages` AS FLOAT64) AS `r_1`,
                                      CAST(`Total day minutes` AS FLOAT64) AS `r_2`,
                                      CAST(`Total day calls` AS FLOAT64) AS `r_3`,
                                      CAST(`Total eve minutes` AS FLOAT64) AS `r_4`,
                                      CAST(`Total eve calls` AS FLOAT64) AS `r_5`,
                                      CAST(`Total night minutes` AS FLOAT64) AS `r_6`,
                                      CAST(`Total night calls` AS FLOAT64) AS `r_7`,
                                      CAST(`Total intl minutes` AS FLOAT64) AS `r_8`,
                                      CAST(`Total intl calls` AS FLOAT64) AS `r_9`,
                                      CAST(`Customer service calls` AS FLOAT64) AS `r_10`,
                                      TRIM(CAST(`International plan` AS STRING)) AS `t_0`,
                                      TRIM(CAST(`Voice mail plan` AS STRING)) AS `t_1`
                                    FROM `warehouse`.`churn customers`
                                  ) AS q
                                ) AS q
                              ) AS q
                            ) AS q
                          ) AS q
                        ) AS q
                      ) AS q
                    ) AS q
                  ) AS q
                ) AS q
              ) AS q
            ) AS q
          ) AS q
        ) AS q
      ) AS q
    ) AS q
  ) AS q
) AS q
